import "server-only";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { Role } from "@/lib/schemas/roles";
import type { AuditEntry, ProgressSnapshot, Store, User } from "./types";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  role TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS progress_snapshots (
  batch_id TEXT NOT NULL,
  at TEXT NOT NULL,
  total INTEGER NOT NULL,
  finished INTEGER NOT NULL,
  status_counts TEXT NOT NULL,
  PRIMARY KEY (batch_id, at)
);
CREATE TABLE IF NOT EXISTS audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor_email TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  outcome TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_log_target ON audit_log (target, id);
`;

type AuditRow = { id: number; at: string; actor_email: string; actor_role: Role; action: string; target: string; outcome: "ok" | "failed"; detail: string };
const toAuditEntry = (r: AuditRow): AuditEntry => ({
  id: r.id,
  at: r.at,
  actorEmail: r.actor_email,
  actorRole: r.actor_role,
  action: r.action,
  target: r.target,
  outcome: r.outcome,
  detail: JSON.parse(r.detail) as Record<string, unknown>,
});

type UserRow = { id: number; email: string; role: Role; password_hash: string; created_at: string };
const toUser = (r: UserRow): User => ({ id: r.id, email: r.email, role: r.role, passwordHash: r.password_hash, createdAt: r.created_at });

/** Opens (creating if needed) the console's SQLite store at `file`. */
export function openSqliteStore(file: string): Store {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 5000");
  db.exec(SCHEMA);

  const q = {
    userByEmail: db.prepare<[string], UserRow>("SELECT * FROM users WHERE email = ?"),
    userById: db.prepare<[number], UserRow>("SELECT * FROM users WHERE id = ?"),
    users: db.prepare<[], UserRow>("SELECT * FROM users ORDER BY email"),
    insertUser: db.prepare("INSERT INTO users (email, role, password_hash, created_at) VALUES (?, ?, ?, ?)"),
    removeUser: db.prepare("DELETE FROM users WHERE email = ?"),
    setPassword: db.prepare("UPDATE users SET password_hash = ? WHERE email = ?"),
    insertSnapshot: db.prepare(
      "INSERT OR REPLACE INTO progress_snapshots (batch_id, at, total, finished, status_counts) VALUES (?, ?, ?, ?, ?)",
    ),
    snapshots: db.prepare<[string, string, number], { batch_id: string; at: string; total: number; finished: number; status_counts: string }>(
      "SELECT * FROM (SELECT * FROM progress_snapshots WHERE batch_id = ? AND at >= ? ORDER BY at DESC LIMIT ?) ORDER BY at ASC",
    ),
    insertAudit: db.prepare(
      "INSERT INTO audit_log (at, actor_email, actor_role, action, target, outcome, detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
    ),
    audit: db.prepare<[number, number], AuditRow>("SELECT * FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT ?"),
    latestAudit: db.prepare<[string], AuditRow>("SELECT * FROM audit_log WHERE target = ? AND outcome = 'ok' ORDER BY id DESC LIMIT 1"),
  };

  return {
    users: {
      create({ email, role, passwordHash }) {
        const createdAt = new Date().toISOString();
        const info = q.insertUser.run(email, role, passwordHash, createdAt);
        return { id: Number(info.lastInsertRowid), email, role, passwordHash, createdAt };
      },
      findByEmail: (email) => {
        const r = q.userByEmail.get(email);
        return r && toUser(r);
      },
      findById: (id) => {
        const r = q.userById.get(id);
        return r && toUser(r);
      },
      list: () => q.users.all().map(toUser),
      remove: (email) => q.removeUser.run(email).changes > 0,
      setPassword: (email, hash) => q.setPassword.run(hash, email).changes > 0,
    },
    snapshots: {
      add(s: ProgressSnapshot) {
        q.insertSnapshot.run(s.batchId, s.at, s.total, s.finished, JSON.stringify(s.statusCounts));
      },
      list(batchId, opts = {}) {
        return q.snapshots.all(batchId, opts.since ?? "", opts.limit ?? 500).map((r) => ({
          batchId: r.batch_id,
          at: r.at,
          total: r.total,
          finished: r.finished,
          statusCounts: JSON.parse(r.status_counts) as Record<string, number>,
        }));
      },
    },
    audit: {
      add(entry) {
        const info = q.insertAudit.run(
          entry.at,
          entry.actorEmail,
          entry.actorRole,
          entry.action,
          entry.target,
          entry.outcome,
          JSON.stringify(entry.detail),
        );
        return { ...entry, id: Number(info.lastInsertRowid) };
      },
      list(opts = {}) {
        return q.audit.all(opts.beforeId ?? Number.MAX_SAFE_INTEGER, opts.limit ?? 100).map(toAuditEntry);
      },
      latestFor(target) {
        const r = q.latestAudit.get(target);
        return r && toAuditEntry(r);
      },
    },
    close: () => db.close(),
  };
}
