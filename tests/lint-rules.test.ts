// `npm run lint` refuses the layering the code must not have: the dependency rules
// (.dependency-cruiser.cjs) and the copy-paste check (scripts/check-copies.ts) run on small
// projects that break each of them.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "lint-rules-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(work, "p-"));
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { baseUrl: ".", paths: { "@/*": ["./*"] } } }));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function cruise(dir: string) {
  const r = spawnSync(
    process.execPath,
    [path.join(root, "node_modules/dependency-cruiser/bin/dependency-cruise.mjs"), "lib", "app", "--config", path.join(root, ".dependency-cruiser.cjs")],
    { cwd: dir, encoding: "utf8" },
  );
  return { status: r.status, out: r.stdout + r.stderr };
}

describe("the dependency rules", () => {
  it("refuse an import cycle", () => {
    const r = cruise(
      project({
        "lib/a.ts": 'import { b } from "./b";\nexport const a = () => b;\n',
        "lib/b.ts": 'import { a } from "./a";\nexport const b = () => a;\n',
        "app/page.ts": "export {};\n",
      }),
    );
    expect(r.status).not.toBe(0);
    expect(r.out).toMatch(/no-cycles: lib\/a\.ts/);
  });

  it("refuse lib importing app (tests of routes excepted)", () => {
    const r = cruise(
      project({
        "app/route.ts": "export const GET = () => 1;\n",
        "lib/uses-route.ts": 'import { GET } from "@/app/route";\nexport const x = GET;\n',
        "lib/route.test.ts": 'import { GET } from "@/app/route";\nexport const y = GET;\n',
      }),
    );
    expect(r.status).not.toBe(0);
    expect(r.out).toMatch(/lib-not-app: lib\/uses-route\.ts → app\/route\.ts/);
    expect(r.out).not.toMatch(/lib\/route\.test\.ts/);
  });

  it("pass a project that keeps them", () => {
    const r = cruise(project({ "lib/a.ts": "export const a = 1;\n", "app/route.ts": 'import { a } from "@/lib/a";\nexport const GET = () => a;\n' }));
    expect(r.out).toContain("no dependency violations");
    expect(r.status).toBe(0);
  });
});

describe("the type-checked ESLint rules", () => {
  it("refuse a floating promise (and accept it handled)", async () => {
    const { ESLint } = await import("eslint");
    const probe = path.join(root, "lib", `floating-probe-${process.pid}.ts`);
    fs.writeFileSync(
      probe,
      "async function save(): Promise<void> {}\nexport function onClick(): void {\n  save();\n}\nexport function handled(): void {\n  void save();\n}\n",
    );
    try {
      const [result] = await new ESLint({ cwd: root }).lintFiles([probe]);
      const rules = result!.messages.map((m) => `${m.line}:${m.ruleId}`);
      expect(rules).toEqual(["3:@typescript-eslint/no-floating-promises"]);
    } finally {
      fs.rmSync(probe, { force: true });
    }
  }, 60_000);
});

describe("the formatter check", () => {
  it("refuses code Prettier would write otherwise, with the project's settings", async () => {
    const prettier = await import("prettier");
    const filepath = path.join(root, "lib", "probe.ts");
    const options = { ...(await prettier.resolveConfig(filepath)), filepath };
    expect(options.printWidth).toBe(160);
    expect(await prettier.check("export const a = {b:1,\n  c : 2}\n", options)).toBe(false);
    expect(await prettier.check("export const a = { b: 1, c: 2 };\n", options)).toBe(true);
  });
});

/** A function long enough to count as a copy (6 lines, 50 tokens). */
const twin = (name: string) => `export function ${name}(rows: { id: string; ok: boolean; count: number }[]) {
  const seen = new Set<string>();
  let total = 0;
  for (const row of rows) {
    if (!row.ok || seen.has(row.id)) continue;
    seen.add(row.id);
    total += row.count * 2 + 1;
  }
  return { total, ids: [...seen].sort(), empty: seen.size === 0 };
}
`;

function checkCopies(dir: string) {
  const r = spawnSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), path.join(root, "scripts/check-copies.ts")], {
    cwd: dir,
    encoding: "utf8",
  });
  return { status: r.status, out: r.stdout + r.stderr };
}

describe("the copy-paste check", () => {
  it("refuses a copy in the product code", () => {
    const r = checkCopies(project({ "lib/a.ts": twin("a"), "lib/b.ts": twin("b") }));
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/CODE .*lib\/a\.ts:1-\d+ ~ lib\/b\.ts/);
  });

  it("tolerates a few repeated steps in tests, and passes code without copies", () => {
    const r = checkCopies(project({ "tests/a.test.ts": twin("a"), "e2e/b.spec.ts": twin("b"), "lib/c.ts": "export const c = 1;\n" }));
    expect(r.out).toContain("copies: 0 in the product code (0 allowed), 1 in tests");
    expect(r.status).toBe(0);
  });
});
