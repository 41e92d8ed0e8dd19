import type { Role } from "@/lib/schemas/roles";

export type User = {
  id: number;
  email: string;
  role: Role;
  passwordHash: string;
  createdAt: string;
};

export type ProgressSnapshot = {
  batchId: string;
  /** When the snapshot was taken, on the upstream's clock (ISO). */
  at: string;
  total: number;
  /** Requests in a final state (not PENDING/INITIATED). */
  finished: number;
  statusCounts: Record<string, number>;
};

export type AuditEntry = {
  id: number;
  at: string;
  actorEmail: string;
  actorRole: Role;
  /** e.g. "batch.pause", "campaign.update" */
  action: string;
  /** e.g. "batch:2026-01" or "campaign:12" */
  target: string;
  outcome: "ok" | "failed";
  detail: Record<string, unknown>;
};

export interface UserRepo {
  create(input: { email: string; role: Role; passwordHash: string }): User;
  findByEmail(email: string): User | undefined;
  findById(id: number): User | undefined;
  list(): User[];
  remove(email: string): boolean;
  setPassword(email: string, passwordHash: string): boolean;
}

export interface SnapshotRepo {
  add(snapshot: ProgressSnapshot): void;
  /** Oldest first, at most `limit` (the newest ones), optionally only those at or after `since`. */
  list(batchId: string, opts?: { since?: string; limit?: number }): ProgressSnapshot[];
}

export interface AuditRepo {
  add(entry: Omit<AuditEntry, "id">): AuditEntry;
  /** Newest first. */
  list(opts?: { limit?: number; beforeId?: number }): AuditEntry[];
  /** The newest successful change of one target ("batch:abc"), to show who really changed it. */
  latestFor(target: string): AuditEntry | undefined;
}

/** The console's own state. SQLite by default; a Postgres implementation can replace it for several instances. */
export interface Store {
  users: UserRepo;
  snapshots: SnapshotRepo;
  audit: AuditRepo;
  close(): void;
}
