// The users CLI goes through the users service: audited, the last admin kept, the password
// policy applied. Run as an operator runs it, a process on a real SQLite file.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "users-cli-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function users(args: string[], input = "") {
  const r = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/users.ts", ...args], {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      SYLLABLE_API_KEY: "k",
      SYLLABLE_BASE_URL: "http://127.0.0.1:9",
    },
    input,
    encoding: "utf8",
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}
const audit = () =>
  new Database(path.join(dataDir, "console.sqlite"), { readonly: true })
    .prepare("SELECT actor_email, action, target, outcome FROM audit_log ORDER BY id")
    .all() as Array<Record<string, string>>;

describe("npm run users", () => {
  it("adds a user through the service: audited with the operator as actor", () => {
    expect(users(["add", "first-admin@example.com", "admin"], "violet-harbor-quartz-19\n")).toMatchObject({
      status: 0,
      out: expect.stringContaining("Added first-admin@example.com as admin."),
    });
    expect(audit()).toEqual([
      { actor_email: `cli:${os.userInfo().username}@${os.hostname()}`, action: "user.create", target: "user:first-admin@example.com", outcome: "ok" },
    ]);
  });

  it("refuses a common password, and an address that is no email, with a sentence", () => {
    const weak = users(["add", "second@example.com", "manager"], "password1234\n");
    expect(weak.status).toBe(1);
    expect(weak.out).toMatch(/common|guess/i);
    const bad = users(["add", "not-an-email", "manager"], "violet-harbor-quartz-19\n");
    expect(bad.status).toBe(1);
    expect(bad.out).toMatch(/^email: /m);
  });

  it("keeps the last admin: neither demoted nor removed", () => {
    const demote = users(["role", "first-admin@example.com", "manager"]);
    expect(demote.status).toBe(1);
    expect(demote.out).toContain("first-admin@example.com is the last admin");
    expect(users(["remove", "first-admin@example.com"]).out).toContain("is the last admin");
    expect(users(["list"]).out).toMatch(/first-admin@example\.com\s+admin/);
  });

  it("changes a role and removes a user once another admin exists, each audited", () => {
    expect(users(["add", "second-admin@example.com", "admin"], "amber-kettle-north-52\n").status).toBe(0);
    expect(users(["role", "first-admin@example.com", "manager"]).status).toBe(0);
    expect(users(["remove", "first-admin@example.com", "left", "the", "team"]).status).toBe(0);
    expect(
      audit()
        .map((e) => `${e.action} ${e.target} ${e.outcome}`)
        .slice(-3),
    ).toEqual(["user.create user:second-admin@example.com ok", "user.update user:first-admin@example.com ok", "user.remove user:first-admin@example.com ok"]);
  });
});
