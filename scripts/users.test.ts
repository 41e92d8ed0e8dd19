import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/server/auth/password";

// Runs the real CLI the way the README tells people to (a password piped on standard input).
const root = path.resolve(import.meta.dirname, "..");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "users-cli-"));
const run = (args: string[], input = "") =>
  spawnSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/users.ts", ...args], {
    cwd: root,
    input,
    encoding: "utf8",
    env: { ...process.env, DATA_DIR: dataDir, SYLLABLE_API_KEY: "live-key" },
  });

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe("npm run users", () => {
  it("adds a user with a scrypt-hashed password read from standard input", async () => {
    const r = run(["add", "a@b.c", "admin"], "pw-from-stdin\n");
    expect(r.stderr).not.toMatch(/Error:|\n\s+at /);
    expect(r.stdout).toContain("Added a@b.c as admin.");
    const db = new Database(path.join(dataDir, "console.sqlite"), { readonly: true });
    const row = db.prepare("SELECT email, role, password_hash FROM users").get() as { email: string; role: string; password_hash: string };
    db.close();
    expect(row).toMatchObject({ email: "a@b.c", role: "admin" });
    expect(row.password_hash).not.toContain("pw-from-stdin");
    expect(await verifyPassword("pw-from-stdin", row.password_hash)).toBe(true);
    expect(run(["list"]).stdout).toMatch(/a@b\.c\s+admin/);
  });

  it.each([
    [["add", "not-an-email", "admin"], "is not an email address"],
    [["add", "x@y.z", "boss"], '"boss" is not a role'],
    [["add", "a@b.c", "manager"], "already exists"],
    [["remove", "nobody@x.y"], 'No user "nobody@x.y"'],
    [["frobnicate"], "Usage:"],
  ])("refuses %j with a clear message and exit code 1", (args, message) => {
    const r = run(args, "pw\n");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("refuses an empty password", () => {
    const r = run(["add", "e@f.g", "supervisor"], "\n");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("must not be empty");
  });
});

