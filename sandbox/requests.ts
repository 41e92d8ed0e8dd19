// Communication requests: target normalisation, insertion with DUPLICATE/INVALID marking, and
// the result serialisation used by GET /results (hand-built JSON so 100k rows stay fast).
import type { Db } from "./db";

/** Deterministic 32-bit FNV-1a hash → [0, 1); the engine's only source of "randomness". */
export function hashUnit(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) / 4294967296;
}

/** E.164 after stripping formatting; bare 10-digit numbers are taken as US (+1). Null = invalid. */
export function normaliseTarget(raw: string): string | null {
  const s = raw.trim().replace(/[\s\-().]/g, "");
  if (/^\+[1-9]\d{7,14}$/.test(s)) return s;
  if (/^\d{10}$/.test(s) && !s.startsWith("0") && !s.startsWith("1")) return `+1${s}`;
  if (/^1\d{10}$/.test(s)) return `+${s}`;
  return null;
}

const CARRIERS = [
  { line_type: "mobile", carrier_name: "T-Mobile USA, Inc.", mcc: "310", mnc: "260" },
  { line_type: "mobile", carrier_name: "Verizon Wireless", mcc: "311", mnc: "480" },
  { line_type: "landline", carrier_name: "AT&T Local", mcc: "310", mnc: "410" },
  { line_type: "voip", carrier_name: "Onvoy, LLC - Sinch", mcc: "313", mnc: "410" },
] as const;

/** A plausible Twilio Lookup result, fixed per number so reruns agree. */
export function lookupFor(target: string): { line_type: string; enrichment: Record<string, string> } {
  const u = hashUnit(`lookup|${target}`);
  const carrier = CARRIERS[u < 0.35 ? 0 : u < 0.6 ? 1 : u < 0.85 ? 2 : 3] ?? CARRIERS[0];
  return { line_type: carrier.line_type, enrichment: { ...carrier } };
}

export interface NewRequest {
  reference_id: string;
  target: string;
  request_variables: Record<string, string>;
}

/**
 * Inserts requests into a batch (caller wraps in a transaction). A repeat of a target already in
 * the batch (or earlier in `rows`) becomes DUPLICATE; an unparseable target becomes INVALID.
 */
export function insertRequests(db: Db, batchId: string, rows: NewRequest[], createdAt: string): { duplicates: number; invalid: number } {
  const existing = db.prepare("SELECT 1 FROM requests WHERE batch_id = ? AND target = ? AND request_status != 'INVALID' LIMIT 1");
  const insert = db.prepare(
    `INSERT INTO requests (batch_id, reference_id, target, request_variables, created_at, request_status, channel_manager_status, line_type, enrichment)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const seen = new Set<string>();
  let duplicates = 0;
  let invalid = 0;
  for (const row of rows) {
    const target = normaliseTarget(row.target);
    let status = "PENDING";
    let channel: string | null = null;
    if (target === null) {
      status = channel = "INVALID";
      invalid++;
    } else if (seen.has(target) || existing.get(batchId, target)) {
      status = channel = "DUPLICATE";
      duplicates++;
    }
    if (target !== null) seen.add(target);
    const lookup = target !== null ? lookupFor(target) : null;
    insert.run(
      batchId,
      row.reference_id,
      target ?? row.target,
      JSON.stringify(row.request_variables),
      createdAt,
      status,
      channel,
      lookup?.line_type ?? null,
      lookup ? JSON.stringify(lookup.enrichment) : null,
    );
  }
  return { duplicates, invalid };
}

// SQLite builds each result object in C (json_object), which is several times faster than
// materialising 100k JS row objects; JSON columns go through json() so they nest as objects.
const RESULT_JSON = `json_object('reference_id', reference_id, 'target', target, 'request_variables', json(request_variables),
  'channel_manager_sid', channel_manager_sid, 'created_at', created_at, 'sent_at', sent_at, 'attempt_count', attempt_count,
  'session_id', session_id, 'conversation_id', conversation_id, 'request_status', request_status,
  'channel_manager_status', channel_manager_status, 'insights_status', insights_status, 'insights', json(insights),
  'line_type', line_type, 'enrichment', json(enrichment))`;

const STREAM_ROWS = 2_000;

/**
 * Results of a batch as a JSON array, filtered by exact matches, in insertion order, streamed:
 * each pull reads the next rows after the last id sent (no statement stays open between pulls,
 * so other requests use the database meanwhile), and a million rows are never one string.
 */
export function resultsStream(
  db: Db,
  batchId: string,
  filters: { reference_id?: string; status?: string; insights_status?: string },
): ReadableStream<Uint8Array> {
  const where = ["batch_id = ?", "id > ?"];
  const args: Array<string | number> = [batchId];
  const columns = { reference_id: "reference_id", status: "request_status", insights_status: "insights_status" } as const;
  for (const [key, column] of Object.entries(columns)) {
    const value = filters[key as keyof typeof columns];
    if (value === undefined) continue;
    where.push(`${column} = ?`);
    args.push(value);
  }
  // By id within the batch (a lookup by reference id has its own index).
  const index = filters.reference_id === undefined ? "INDEXED BY requests_batch" : "";
  const stmt = db.prepare(`SELECT id, ${RESULT_JSON} AS json FROM requests ${index} WHERE ${where.join(" AND ")} ORDER BY id LIMIT ${STREAM_ROWS}`);
  const encoder = new TextEncoder();
  let lastId = -1;
  let first = true;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const rows = stmt.all(batchId, lastId, ...args.slice(1)) as Array<{ id: number; json: string }>;
      let text = first ? "[" : "";
      for (const r of rows) {
        text += (first ? "" : ",") + r.json;
        first = false;
      }
      if (rows.length < STREAM_ROWS) {
        controller.enqueue(encoder.encode(text + "]"));
        controller.close();
        return;
      }
      lastId = rows.at(-1)!.id;
      controller.enqueue(encoder.encode(text));
    },
  });
}

/** One result object (for POST /requests answers). */
export function resultFor(db: Db, batchId: string, referenceId: string): unknown {
  const json = db.prepare(`SELECT ${RESULT_JSON} FROM requests WHERE batch_id = ? AND reference_id = ?`).pluck().get(batchId, referenceId) as
    string | undefined;
  return json === undefined ? null : (JSON.parse(json) as unknown);
}
