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

  it("refuses a password under 12 characters for a real account (live mode), with the reason", () => {
    const r = run(["add", "short@x.io", "admin"], "x\n");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("at least 12 characters");
    expect(run(["list"]).stdout).not.toContain("short@x.io");
  });

  it("a password change, role change or removal ends that user's sessions", () => {
    const db = new Database(path.join(dataDir, "console.sqlite"));
    const addSession = (id: string) => {
      const user = db.prepare("SELECT id FROM users WHERE email = 'a@b.c'").get() as { id: number };
      db.prepare("INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, user_agent, address) VALUES (?, ?, '2026-01-01', '2026-01-01', '', '')").run(id, user.id);
    };
    const count = () => (db.prepare("SELECT COUNT(*) AS n FROM sessions").get() as { n: number }).n;
    addSession("s1");
    addSession("s2");
    expect(run(["passwd", "a@b.c"], "another-long-password\n").stdout).toContain("ended 2 session(s)");
    expect(count()).toBe(0);
    addSession("s3");
    expect(run(["role", "a@b.c", "supervisor"]).stdout).toContain("is now supervisor; ended 1 session(s)");
    expect(count()).toBe(0);
    addSession("s4");
    expect(run(["remove", "a@b.c"]).status).toBe(0);
    expect(count()).toBe(0);
    db.close();
  });

  it("refuses an empty password", () => {
    const r = run(["add", "e@f.g", "supervisor"], "\n");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("must not be empty");
  });
});

