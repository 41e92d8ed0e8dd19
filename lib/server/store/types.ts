import type { MetricCounts } from "@/lib/domain/report-metrics";
import type { Role } from "@/lib/schemas/roles";
import type { Campaign } from "@/lib/schemas/syllable";

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
  /** Channel outcomes (HUMAN, MACHINE, DELIVERED, …) summed over the request statuses; {} in snapshots older than this field. */
  outcomes: Record<string, number>;
};

/** Who an audit entry names: a signed-in role, or "anonymous" for sign-in attempts. */
/** "system": the console itself (the suppression sweep). */
export type AuditActorRole = Role | "anonymous" | "system";

export type AuditEntry = {
  id: number;
  at: string;
  actorEmail: string;
  actorRole: AuditActorRole;
  /** e.g. "batch.pause", "campaign.update", "auth.login" */
  action: string;
  /** e.g. "batch:2026-01", "campaign:12", "user:a@b.c" */
  target: string;
  outcome: AuditOutcome;
  detail: Record<string, unknown>;
};

/**
 * "pending": the intent, stored before an upstream write; the write's result completes it as "ok"
 * or "failed". A write whose fate is unknown (a timeout, a crash) is read back: "unknown" when
 * even that cannot tell, with what was found in the detail.
 */
export type AuditOutcome = "pending" | "ok" | "failed" | "unknown";

/** A signed-in browser. The cookie holds the random id; the store keeps only its SHA-256 hash. */
export type Session = {
  idHash: string;
  userId: number;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string;
  address: string;
};

/** Thrown by a user write that would leave no admin (`keepAnAdmin`); nothing was written. */
export class LastAdminError extends Error {
  constructor(readonly email: string) {
    super(`${email} is the last admin`);
    this.name = "LastAdminError";
  }
}

/** By name: the store may have been opened by another bundle's copy of the class. */
export const isLastAdminError = (err: unknown): err is LastAdminError => err instanceof Error && err.name === "LastAdminError";

export interface UserRepo {
  create(input: { email: string; role: Role; passwordHash: string }): Promise<User>;
  findByEmail(email: string): Promise<User | undefined>;
  findById(id: number): Promise<User | undefined>;
  list(): Promise<User[]>;
  /** `keepAnAdmin`: the check that another admin remains and the write are one transaction (LastAdminError otherwise). */
  remove(email: string, opts?: { keepAnAdmin?: boolean }): Promise<boolean>;
  setPassword(email: string, passwordHash: string): Promise<boolean>;
  setRole(email: string, role: Role, opts?: { keepAnAdmin?: boolean }): Promise<boolean>;
}

export interface SessionRepo {
  create(session: Session): Promise<void>;
  find(idHash: string): Promise<Session | undefined>;
  touch(idHash: string, lastSeenAt: string): Promise<void>;
  remove(idHash: string): Promise<void>;
  /** Ends every session of a user (password or role change, removal). Returns how many ended. */
  removeForUser(userId: number): Promise<number>;
  /** Drops sessions last seen before `idleBefore` or created before `createdBefore`. */
  prune(opts: { idleBefore: string; createdBefore: string }): Promise<void>;
}

/** An API token for scripts. The token itself is shown once; the store keeps its SHA-256 hash. */
export type ApiToken = {
  id: string;
  userId: number;
  name: string;
  tokenHash: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  /** The most the token may do (never more than its user's role at the time); null: its user's role. */
  role: Role | null;
  /** Who made it (an admin for someone else, or the user for themselves); null for tokens from before. */
  createdBy: string | null;
};

export interface TokenRepo {
  create(token: ApiToken): Promise<void>;
  findByHash(tokenHash: string): Promise<ApiToken | undefined>;
  /** Every token, with the email of its user, newest first. */
  list(): Promise<Array<ApiToken & { email: string }>>;
  /** One token, with the email of its user. */
  get(id: string): Promise<(ApiToken & { email: string }) | undefined>;
  touch(id: string, lastUsedAt: string): Promise<void>;
  remove(id: string): Promise<boolean>;
}

/** Failed sign-ins, counted per key ("email:a@b.c", "addr:1.2.3.4") for throttling. */
export interface LoginAttemptRepo {
  addFailure(key: string, at: string): Promise<void>;
  /** Failures of `key` at or after `since`, oldest first (their times, ISO). */
  failuresSince(key: string, since: string): Promise<string[]>;
  clear(key: string): Promise<void>;
  /** Forgets failures older than `before`. */
  prune(before: string): Promise<void>;
  /**
   * Claims an attempt under every key at once, atomically against concurrent claims (across
   * instances too): `allowed` sees each key's failures since `since` (oldest first) and decides;
   * when it allows, one row per key is added at `at`, counted as a failure until released.
   */
  claim(keys: string[], at: string, since: string, allowed: (failures: string[][]) => boolean): Promise<boolean>;
  /** Takes back one row of `key` at `at` (an attempt that signed in). */
  release(key: string, at: string): Promise<void>;
  /** Forgets every row whose key starts with `prefix`. */
  clearPrefix(prefix: string): Promise<void>;
}

export interface SnapshotRepo {
  add(snapshot: ProgressSnapshot): Promise<void>;
  /** Oldest first, at most `limit` (the newest ones), optionally only those at or after `since`. */
  list(batchId: string, opts?: { since?: string; limit?: number }): Promise<ProgressSnapshot[]>;
  /** The batch's counts as of `at`: its last snapshot before `at`, or else its first one after (null: none at all). */
  asOf(batchId: string, at: string): Promise<ProgressSnapshot | null>;
  /**
   * Retention, relative to `now` (ISO): the first snapshot of each minute is kept for 7 days, the
   * first of each hour for 90 days, nothing older. Returns how many were deleted.
   */
  prune(now: string): Promise<number>;
}

/**
 * Which audit entries: `actor` an email; `actorContains` a part of one (any case); `action`
 * exact, or a prefix ending in "." ("batch."); `target` exact, or a prefix ending in ":"
 * ("batch:"); `targetPrefixes` only targets starting with one of these (what a role may read);
 * `from` inclusive and `to` exclusive (ISO).
 */
export type AuditFilter = {
  actor?: string;
  actorContains?: string;
  action?: string;
  target?: string;
  targetPrefixes?: readonly string[];
  outcome?: AuditOutcome;
  from?: string;
  to?: string;
  beforeId?: number;
};

export interface AuditRepo {
  add(entry: Omit<AuditEntry, "id">): Promise<AuditEntry>;
  /** Newest first, filtered; `offset` skips that many matches (pages). */
  list(opts?: AuditFilter & { limit?: number; offset?: number }): Promise<AuditEntry[]>;
  /** How many entries match. */
  count(filter?: AuditFilter): Promise<number>;
  /** The newest successful change of one target ("batch:abc"), to show who really changed it. */
  latestFor(target: string): Promise<AuditEntry | undefined>;
  /** Settles an intent: sets the outcome and merges `detail` in; false when `id` is no longer pending. */
  complete(id: number, outcome: Exclude<AuditOutcome, "pending">, detail: Record<string, unknown>): Promise<boolean>;
  /** Intents still pending that were stored before `before` (ISO), oldest first. */
  pendingBefore(before: string): Promise<AuditEntry[]>;
}

/**
 * Campaign versions this console has shown (by id and updated_at), so a 409 can name exactly the
 * fields that changed between the version an editor loaded and the current one.
 */
export interface CampaignVersionRepo {
  remember(campaigns: Campaign[]): Promise<void>;
  at(id: number, updatedAt: string): Promise<Campaign | undefined>;
}

/** Fire-and-forget messages between parts of the console (and, with a networked store, between instances). */
export interface EventBus {
  publish(channel: string, payload: unknown): Promise<void>;
  /** Returns the function that unsubscribes. */
  subscribe(channel: string, listener: (payload: unknown) => void): () => void;
}

/** Per-key leases: at most one holder at a time, until it releases or the lease runs out. */
export interface LeaseRepo {
  /** Takes or renews the lease; false while someone else holds an unexpired one. */
  acquire(key: string, holder: string, ttlMs: number): Promise<boolean>;
  release(key: string, holder: string): Promise<void>;
  /** Who holds the lease now (null: nobody, or it ran out). */
  holder(key: string): Promise<string | null>;
}

/**
 * The console's own state, as an asynchronous port: SQLite by default; a Postgres
 * implementation can stand behind the same interface for several instances.
 */
/** An alert raised by the live engine's rules on one batch; open until its condition clears (or acknowledged, for "finished"). */
export type Alert = {
  id: number;
  batchId: string;
  kind: string;
  message: string;
  openedAt: string;
  resolvedAt: string | null;
  ackedBy: string | null;
  ackedAt: string | null;
  /** The number the alert is about (requests that will not be reached), to tell a material change; null for most kinds. */
  figure: number | null;
};

export interface AlertRepo {
  /**
   * Opens an alert unless one of this kind is already open for the batch; returns the new one, or
   * null. `acked`: opened already acknowledged (an acknowledgement carried over a flap).
   */
  open(a: { batchId: string; kind: string; message: string; at: string; figure?: number | null; acked?: { by: string; at: string } }): Promise<Alert | null>;
  /** Resolves the open alert of this kind for the batch, if any; returns it. */
  resolve(batchId: string, kind: string, at: string): Promise<Alert | null>;
  /** Newest first: `open` (not resolved), `resolved`, or all; optionally one batch's. */
  list(opts: { state?: "open" | "resolved"; batchId?: string; limit?: number }): Promise<Alert[]>;
  /** Acknowledges an alert (first acknowledgement wins); undefined when there is no such alert. */
  ack(id: number, by: string, at: string): Promise<Alert | undefined>;
}

/** The latest state each instance should show, shared by the instance that read it (several console instances). */
export interface LiveStateRepo {
  /** Keeps `body` as of `fetchedAt` (ms) unless a newer one is already kept. */
  put(key: string, body: unknown, fetchedAt: number): Promise<void>;
  get(key: string): Promise<{ body: unknown; fetchedAt: number } | null>;
}

/** What is kept of one batch's results: which generation of rows is shown, and how it was read. */
export type ResultSet = {
  batchId: string;
  generation: number;
  rowCount: number;
  /** When the read that filled it started (ms). */
  readAt: number;
  /** The request-status counts its rows add up to (see countsKey). */
  countsKey: string;
  /** Variable names across the rows, first seen first: the export's columns. */
  variables: string[];
  /** The batch had finished when it was read: it is not read again. */
  final: boolean;
  /** A console write changed the batch's requests: read again before it is shown. */
  stale: boolean;
  /** The last read failed (its rows were discarded; these are still shown): when, and why. */
  failedAt: number | null;
  failure: string | null;
};

/** A result row as stored: the columns queries filter and sort on, and the row itself (JSON). */
export type StoredResultRow = {
  seq: number;
  reference_id: string;
  status: string;
  outcome: string;
  insights: string;
  attempts: number;
  sent_at: string;
  created_at: string;
  ref_key: string;
  target_key: string;
  search: string;
  body: string;
};

/** The stored columns a results query can sort on. */
export type ResultSortColumn = "seq" | "ref_key" | "target_key" | "status" | "outcome" | "attempts" | "sent_at" | "insights" | "created_at";

export type ResultRowFilter = {
  /** Stored (upper-cased) values. */
  status?: string;
  outcomes?: string[];
  insights?: string;
  referenceId?: string;
  /** The reference id's sort key, so that finding it is an index lookup. */
  refKey?: string;
  /** Lower-cased text to find in the search column. */
  text?: string;
  /** Sent in [sentFrom, sentTo): UTC instants as stored ("2026-07-01T14:00:00.000Z"). */
  sentFrom?: string;
  sentTo?: string;
};

export type ResultRowQuery = {
  batchId: string;
  generation: number;
  filter: ResultRowFilter;
  sort: ResultSortColumn;
  dir: "asc" | "desc";
  limit: number;
  /** Rows to skip (a page), or the last row of the previous chunk (an export): one of the two. */
  offset?: number;
  after?: { key: string | number; seq: number };
};

export interface ResultRepo {
  set(batchId: string): Promise<ResultSet | null>;
  /** Adds rows to a generation being read (not shown until published). */
  addRows(batchId: string, generation: number, rows: StoredResultRow[]): Promise<void>;
  /**
   * Shows a generation that was read whole, unless a newer one is shown already (false then),
   * and deletes the rows of older ones.
   */
  publish(set: Omit<ResultSet, "stale" | "failedAt" | "failure">): Promise<boolean>;
  /** Deletes a generation whose read failed; the shown set (if any) records the failure. */
  discard(batchId: string, generation: number, failure: { at: number; message: string }): Promise<void>;
  /** A console write changed the batch's requests. */
  markStale(batchId: string): Promise<void>;
  /** Rows in the query's order: bodies with their sort key and seq (for the next chunk). */
  rows(q: ResultRowQuery): Promise<Array<{ body: string; key: string | number; seq: number }>>;
  count(batchId: string, generation: number, filter: ResultRowFilter): Promise<number>;
  /** Rows per stored status and per stored outcome. */
  facets(batchId: string, generation: number): Promise<{ status: Record<string, number>; outcome: Record<string, number> }>;
  /** Forgets the sets (and rows) of batches that had finished when read before `readBefore` (ms). */
  prune(readBefore: number): Promise<number>;
  /** Sets kept and rows shown, for the metrics. */
  size(): Promise<{ sets: number; rows: number }>;
}

/** A suppression (do-not-call) list: applies to every campaign or to those assigned to it. */
export type SuppressionList = {
  id: number;
  name: string;
  description: string;
  appliesTo: "all" | "assigned";
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  campaignIds: number[];
  /** Entries kept, and of those the ones not expired at the time asked. */
  numbers: number;
  activeNumbers: number;
};

export type SuppressionSource = "manual" | "import" | "result opt-out" | "api";

export type SuppressionEntry = {
  number: string;
  reason: string;
  source: SuppressionSource;
  addedBy: string;
  addedAt: string;
  expiresAt: string | null;
};

/** A number found on a list that applies (not expired). */
export type SuppressionMatch = { number: string; listId: number; listName: string };

export interface SuppressionRepo {
  lists(now: string): Promise<SuppressionList[]>;
  list(id: number, now: string): Promise<SuppressionList | null>;
  /** null: a list of that name exists (names are unique, ignoring case). */
  createList(l: Pick<SuppressionList, "name" | "description" | "appliesTo" | "createdBy" | "createdAt">): Promise<number | null>;
  /** false: no such list; "name taken": another list has that name. */
  updateList(id: number, patch: Partial<Pick<SuppressionList, "name" | "description" | "appliesTo">>, at: string): Promise<boolean | "name taken">;
  /** Deletes the list with its entries and assignments: its entry count, or null when there was none. */
  deleteList(id: number): Promise<number | null>;
  /** Adds or updates entries (one transaction per call); a change is recorded for the sweep when any was added. */
  upsertNumbers(listId: number, entries: SuppressionEntry[], at: string): Promise<{ added: number; updated: number }>;
  numbers(listId: number, q: { text?: string; offset?: number; after?: string; limit: number }): Promise<{ items: SuppressionEntry[]; total: number | null }>;
  removeNumber(listId: number, number: string): Promise<boolean>;
  /** Assigns exactly these lists to the campaign; a change is recorded per list newly assigned. */
  setCampaignLists(campaignId: number, listIds: number[], at: string): Promise<void>;
  /** Lists applying to the campaign (assigned, or for every campaign); null: every list. */
  matches(numbers: string[], campaignId: number | null, now: string): Promise<SuppressionMatch[]>;
  latestChange(): Promise<number>;
  batch(batchId: string): Promise<{ sweptChange: number; atUpload: number; removed: number }>;
  /** Records a sweep of the batch up to `change`, with the requests it removed. */
  noteSwept(batchId: string, change: number, removed: number): Promise<void>;
  noteUploadSuppressed(batchId: string, count: number): Promise<void>;
}

/** A batch the scheduler follows (see lib/server/schedule). */
export type ScheduleRow = {
  batchId: string;
  /** The schedule as set (JSON of BatchSchedule plus local_hours_reason). */
  body: Record<string, unknown>;
  /** Set by a person (false: followed for calling hours only). */
  explicit: boolean;
  /** Pending recipients by place (JSON of RecipientGroup[]), and when they were counted (ms; 0: never). */
  groups: unknown[];
  groupsAt: number;
  /** The scheduler put the batch on hold, so it may release it (a person's pause is never released). */
  heldBySchedule: boolean;
  state: "held" | "released" | "";
  reason: string;
  /** When the state last changed (ms). */
  stateAt: number;
  updatedBy: string;
  updatedAt: string;
};

export interface ScheduleRepo {
  get(batchId: string): Promise<ScheduleRow | null>;
  list(): Promise<ScheduleRow[]>;
  /** Sets the schedule (explicit) or starts following a batch for calling hours (not explicit; an existing row is kept). */
  put(batchId: string, body: Record<string, unknown>, explicit: boolean, by: string, at: string): Promise<void>;
  remove(batchId: string): Promise<void>;
  setGroups(batchId: string, groups: unknown[], at: number): Promise<void>;
  noteState(batchId: string, s: { state: "held" | "released"; reason: string; at: number; heldBySchedule: boolean }): Promise<void>;
  /** A person paused or resumed the batch: the hold is theirs now, not the schedule's, and the state is looked at again. */
  releaseHold(batchId: string): Promise<void>;
  /** The batch's requests changed: its recipients are counted again. */
  forgetGroups(batchId: string): Promise<void>;
}

export interface SettingsRepo {
  get(key: string): Promise<{ body: unknown; updatedBy: string; updatedAt: string } | null>;
  put(key: string, body: unknown, by: string, at: string): Promise<void>;
  remove(key: string): Promise<void>;
  /** Removes the keys starting with `prefix` (no LIKE wildcards in it) last written before `before` (ISO); answers how many. */
  removeOlder(prefix: string, before: string): Promise<number>;
}

/** One group of a report's sums: its key (a bucket's start in ms, a campaign id, a batch id, a line type) and the counts. */
export type ReportBucketRow = { key: string | number; counts: MetricCounts };

export interface ReportRepo {
  /** Keeps `rows` as the batch's whole tally (what was there is replaced). */
  replaceBatch(batchId: string, campaignId: number, rows: Array<{ bucket: number; line_type: string; counts: MetricCounts }>): Promise<void>;
  /** Sums over buckets in [from, to) (ms), by bucket, campaign, batch or line type. */
  sums(q: {
    from: number;
    to: number;
    by: "bucket" | "campaign_id" | "batch_id" | "line_type";
    campaignId?: number;
    batchId?: string;
  }): Promise<ReportBucketRow[]>;
  /** The batches (and their campaigns) with results in [from, to). */
  batchesIn(from: number, to: number): Promise<Array<{ batchId: string; campaignId: number }>>;
}

export interface Store {
  users: UserRepo;
  sessions: SessionRepo;
  tokens: TokenRepo;
  loginAttempts: LoginAttemptRepo;
  snapshots: SnapshotRepo;
  audit: AuditRepo;
  campaignVersions: CampaignVersionRepo;
  alerts: AlertRepo;
  events: EventBus;
  leases: LeaseRepo;
  liveStates: LiveStateRepo;
  results: ResultRepo;
  suppression: SuppressionRepo;
  schedules: ScheduleRepo;
  settings: SettingsRepo;
  reports: ReportRepo;
  close(): Promise<void>;
}
