// The deployment files, checked statically (no container engine runs here): hadolint-style rules
// for the image, the compose file's shape and secrets, and the balancer's configuration through
// HAProxy's own checker. The multi-instance e2e tests run this haproxy.cfg for real.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const deploy = (file: string) => fs.readFileSync(path.join(import.meta.dirname, "..", "deploy", file), "utf8");
const instructions = (dockerfile: string) =>
  dockerfile
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));

describe("deploy/Dockerfile", () => {
  const lines = instructions(deploy("Dockerfile"));
  const of = (kw: string) => lines.filter((l) => l.toUpperCase().startsWith(`${kw} `));

  it("pins its base images (no latest, a version in every tag) and builds in two stages", () => {
    const froms = of("FROM");
    expect(froms.length).toBeGreaterThanOrEqual(2);
    for (const f of froms) {
      expect(f).not.toMatch(/:latest\b/);
      expect(f).toMatch(/^FROM \S+:\d[\w.-]*/);
    }
    expect(lines.some((l) => /^COPY --from=build\b/.test(l))).toBe(true);
  });

  it("runs as a user other than root, with a HEALTHCHECK, under an init that forwards signals, without npx", () => {
    const users = of("USER");
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^USER (root|0)(:|$)/);
    expect(of("HEALTHCHECK")).toHaveLength(1);
    expect(of("HEALTHCHECK")[0]).toContain("/api/health/live");
    expect(of("ENTRYPOINT")[0]).toMatch(/tini/);
    expect([...of("CMD"), ...of("ENTRYPOINT")].join(" ")).not.toMatch(/npx|npm start/);
  });

  it("runs Next's standalone output, not the repository: the runtime copies only that folder and runs the bundled server", () => {
    const copies = lines.filter((l) => /^COPY --from=build\b/.test(l));
    expect(copies).toEqual([expect.stringMatching(/ \/app\/\.next\/standalone \/app$/)]);
    expect(of("CMD").at(-1)).toBe('CMD ["node", "scripts/serve.mjs"]');
    expect(fs.readFileSync(path.join(import.meta.dirname, "..", "next.config.mjs"), "utf8")).toMatch(
      /phase === PHASE_PRODUCTION_BUILD \? \{ \.\.\.nextConfig, output: "standalone" \}/,
    );
  });

  it("runs no install script but the builds it needs (npm 10 ignores allowScripts)", () => {
    const installs = of("RUN").filter((l) => /\bnpm (ci|install|i)\b/.test(l));
    expect(installs.length).toBeGreaterThan(0);
    for (const l of installs) expect(l).toMatch(/npm ci --ignore-scripts && npm rebuild better-sqlite3 esbuild/);
    // And for a plain `npm ci` with npm 10: swagger-ui's analytics dependency is told to do nothing.
    const pkg = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, "..", "package.json"), "utf8")) as { scarfSettings?: { enabled?: boolean } };
    expect(pkg.scarfSettings?.enabled).toBe(false);
  });

  it("holds no secret", () => {
    expect(lines.join("\n")).not.toMatch(/SYLLABLE_API_KEY=|SESSION_SECRET=|PASSWORD=/);
  });
});

describe("deploy/compose.yaml", () => {
  const compose = deploy("compose.yaml");
  it("writes no secret: every credential comes from the environment, required", () => {
    for (const name of ["SYLLABLE_API_KEY", "POSTGRES_PASSWORD", "PUBLIC_URL"]) expect(compose).toMatch(new RegExp(`\\$\\{${name}:\\?`));
    expect(compose).not.toMatch(/POSTGRES_PASSWORD: (?!\$)/);
    expect(compose).not.toMatch(/postgres:\/\/\w+:(?!\$)[^@]+@/);
  });

  it("has two console instances, Postgres on a volume and the balancer, each restarted on failure", () => {
    for (const service of ["postgres", "console1", "console2", "balancer"]) expect(compose).toMatch(new RegExp(`^  ${service}:`, "m"));
    expect(compose).toMatch(/volumes: \[pgdata:\/var\/lib\/postgresql\/data\]/);
    // The console anchor and the two other services: three restart policies.
    expect(compose.match(/restart: unless-stopped/g)?.length).toBe(3);
    expect(compose).toContain("./haproxy.cfg:");
    expect(compose).not.toMatch(/image: \S+:latest/);
  });
});

describe("deploy/haproxy.cfg", () => {
  const cfg = deploy("haproxy.cfg");
  it("is valid for HAProxy itself", () => {
    const r = spawnSync("/usr/sbin/haproxy", ["-c", "-f", path.join(import.meta.dirname, "..", "deploy", "haproxy.cfg")], {
      env: { ...process.env, LB_BIND: "127.0.0.1:18080", CONSOLE_1: "127.0.0.1:18081", CONSOLE_2: "127.0.0.1:18082" },
      encoding: "utf8",
    });
    expect(r.stdout + r.stderr).toContain("Configuration file is valid");
  });

  it("checks readiness with a time limit, and retries reads (only) on another instance", () => {
    expect(cfg).toMatch(/option httpchk GET \/api\/health\n/);
    expect(cfg).toMatch(/^\s*timeout check \d+s$/m);
    expect(cfg).toMatch(/^\s*option redispatch$/m);
    expect(cfg).toMatch(/^\s*retry-on conn-failure empty-response response-timeout$/m);
    expect(cfg).toMatch(/^\s*http-request disable-l7-retry unless METH_GET \|\| METH_HEAD$/m);
  });
});
