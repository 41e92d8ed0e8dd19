import "server-only";
// Numbers going onto a suppression list: typed or pasted (POST …/numbers), taken from results
// (an opt-out), or imported from a CSV of any size (POST …/import: streamed from disk, written a
// few thousand at a time). Every input is read as E.164 with DEFAULT_COUNTRY; what cannot be read
// is reported per row, never silently dropped.
import { readPhoneNumber } from "@/lib/domain/phone-number";
import { MAX_INVALID_REPORTED, type SuppressionAdd, type SuppressionReport } from "@/lib/schemas/suppression";
import type { SessionUser } from "@/lib/server/auth/session-user";
import { auditBy } from "@/lib/server/audit";
import { csvRowChunks, headerCells } from "@/lib/server/csv-chunks";
import { getConfig } from "@/lib/server/env";
import { ApiError } from "@/lib/server/errors";
import { selectedResults } from "@/lib/server/results/service";
import { getStore } from "@/lib/server/store";
import type { SuppressionEntry, SuppressionSource } from "@/lib/server/store/types";
import { requireList } from "./lists";

/** Entries written per transaction during an import. */
const WRITE_CHUNK = 5_000;
/** Column names taken as the phone column when the import does not name one (compared without case, spaces or _). */
const PHONE_COLUMNS = ["phone", "phonenumber", "number", "target", "mobile", "mobilenumber", "telephone", "tel", "msisdn", "e164"];

type Invalid = SuppressionReport["invalid"][number];

/** Collects a report: counts, and the first invalid inputs named. */
function reporter() {
  const report: SuppressionReport = { added: 0, updated: 0, invalid: [], invalid_count: 0 };
  return {
    report,
    invalid: (item: Invalid) => {
      report.invalid_count++;
      if (report.invalid.length < MAX_INVALID_REPORTED) report.invalid.push(item);
    },
    wrote: (r: { added: number; updated: number }) => {
      report.added += r.added;
      report.updated += r.updated;
    },
  };
}

/** An expiry as ISO, or why it cannot be one (in the past: the entry would never apply). */
function readExpiry(raw: string, now: number): { at: string | null } | { error: string } {
  const t = raw.trim();
  if (!t) return { at: null };
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(t) ? `${t}T23:59:59.999Z` : t);
  if (!Number.isFinite(ms)) return { error: "The expiry is not a date" };
  if (ms <= now) return { error: "The expiry has passed" };
  return { at: new Date(ms).toISOString() };
}

const sourceOf = (user: SessionUser, body: SuppressionAdd): SuppressionSource =>
  body.from_results ? "result opt-out" : (body.source ?? (user.via === "token" ? "api" : "manual"));

/** POST /api/suppression-lists/{id}/numbers. */
export async function addNumbers(user: SessionUser, listId: number, body: SuppressionAdd): Promise<SuppressionReport> {
  const list = await requireList(listId);
  const now = Date.now();
  const expiry = body.expires_at ? readExpiry(body.expires_at, now) : { at: null };
  if ("error" in expiry) throw new ApiError("validation_failed", `${expiry.error}: choose a time in the future.`, { expires_at: expiry.error });
  const inputs = [...(body.numbers ?? [])];
  if (body.from_results) {
    const { batch_id, ...filter } = body.from_results;
    for (const r of await selectedResults(batch_id, filter)) if (r.target) inputs.push(r.target);
  }
  const { report, invalid, wrote } = reporter();
  const at = new Date(now).toISOString();
  const source = sourceOf(user, body);
  const entries: SuppressionEntry[] = [];
  inputs.forEach((input, i) => {
    const read = readPhoneNumber(input, getConfig().defaultCountry);
    if ("error" in read) return invalid({ input, error: read.error, row: i + 1 });
    entries.push({ number: read.number, reason: body.reason ?? "", source, addedBy: user.email, addedAt: at, expiresAt: expiry.at });
  });
  if (entries.length) wrote(await getStore().suppression.upsertNumbers(listId, entries, at));
  await auditBy(user, "suppression.numbers.add", `suppression-list:${listId}`, {
    list: list.name,
    source,
    added: report.added,
    updated: report.updated,
    invalid: report.invalid_count,
    ...(body.reason ? { reason: body.reason } : {}),
    ...(body.from_results ? { from_results: body.from_results } : {}),
    numbers: entries.slice(0, 100).map((e) => e.number),
  });
  return report;
}

const simplified = (name: string) => name.toLowerCase().replace(/[\s_-]+/g, "");

/** The index of the phone column: the one named, else the first with a phone-like name, else the only column. */
export function phoneColumnOf(columns: string[], named?: string): number {
  if (named) {
    const i = columns.findIndex((c) => c === named || simplified(c) === simplified(named));
    if (i < 0)
      throw new ApiError("validation_failed", `The CSV has no column "${named}". Its columns: ${columns.join(", ")}.`, {
        phone_column: `No column "${named}"`,
      });
    return i;
  }
  const i = columns.findIndex((c) => PHONE_COLUMNS.includes(simplified(c)));
  if (i >= 0) return i;
  if (columns.length === 1) return 0;
  throw new ApiError("validation_failed", `Name the column with the numbers (phone_column). The CSV's columns: ${columns.join(", ")}.`, {
    phone_column: "Choose the column with the numbers",
  });
}

/**
 * POST /api/suppression-lists/{id}/import: the CSV at `file` (a temporary file) read as a stream,
 * each row's number (and expiry) checked, entries written a chunk at a time. A chunk is written
 * before the next rows are read, so memory holds one chunk whatever the file's size.
 */
export async function importNumbers(
  user: SessionUser,
  listId: number,
  file: { path: string; name: string; bytes: number },
  opts: { phone_column?: string; expiry_column?: string; reason?: string },
): Promise<SuppressionReport & { rows: number }> {
  const list = await requireList(listId);
  const now = Date.now();
  const at = new Date(now).toISOString();
  const country = getConfig().defaultCountry;
  const { report, invalid, wrote } = reporter();
  const store = getStore().suppression;
  let phone = -1;
  let expiry = -1;
  let rows = 0;
  let chunk: SuppressionEntry[] = [];
  const flush = async () => {
    if (chunk.length) wrote(await store.upsertNumbers(listId, chunk, at));
    chunk = [];
  };
  for await (const parsed of csvRowChunks(file.path)) {
    for (const cells of parsed) {
      if (phone < 0) {
        const columns = headerCells(cells);
        phone = phoneColumnOf(columns, opts.phone_column);
        if (opts.expiry_column) {
          expiry = columns.indexOf(opts.expiry_column);
          if (expiry < 0)
            throw new ApiError("validation_failed", `The CSV has no column "${opts.expiry_column}".`, { expiry_column: `No column "${opts.expiry_column}"` });
        }
        continue;
      }
      rows++;
      const input = cells[phone] ?? "";
      const read = readPhoneNumber(input, country);
      if ("error" in read) {
        invalid({ row: rows, input, error: read.error });
        continue;
      }
      const expires = expiry >= 0 ? readExpiry(cells[expiry] ?? "", now) : { at: null };
      if ("error" in expires) {
        invalid({ row: rows, input, error: expires.error });
        continue;
      }
      chunk.push({ number: read.number, reason: opts.reason ?? "", source: "import", addedBy: user.email, addedAt: at, expiresAt: expires.at });
    }
    // Written before the next rows are read: memory holds one chunk whatever the file's size.
    if (chunk.length >= WRITE_CHUNK) await flush();
  }
  await flush();
  if (phone < 0) throw new ApiError("validation_failed", "The file is empty.", { file: "The file is empty" });
  await auditBy(user, "suppression.numbers.import", `suppression-list:${listId}`, {
    list: list.name,
    filename: file.name,
    bytes: file.bytes,
    rows,
    added: report.added,
    updated: report.updated,
    invalid: report.invalid_count,
  });
  return { ...report, rows };
}
