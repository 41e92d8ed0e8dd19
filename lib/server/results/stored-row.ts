// How a result row is kept in the store: the row itself as JSON, and the columns the results
// table filters and sorts on, computed once when it is read so that each query is an index scan.
import type { ResultSortField } from "@/lib/schemas/batches";
import type { RequestResult } from "@/lib/schemas/syllable";
import { channelStatuses, searchText, sentInstantOf, type ResultFilter } from "@/lib/domain/results";
import type { ResultRowFilter, ResultSortColumn, StoredResultRow } from "@/lib/server/store/types";

/**
 * What a missing value sorts as: above every text, so missing values come last going up (and
 * first going down) on both dialects, with the column NOT NULL and its index used both ways.
 */
export const MISSING_TEXT = "\uffff";
export const MISSING_NUMBER = 2_147_483_647;

const text = (v: string | null | undefined) => (v === null || v === undefined || v === "" ? MISSING_TEXT : v);
const upper = (v: string | null | undefined) => text(v?.toUpperCase());

/**
 * A key that sorts like people read: case-insensitive, and digit runs by their value ("ref-2"
 * before "ref-10"): each run is written as its length (two digits) and its digits.
 */
export function naturalKey(v: string | null | undefined): string {
  if (v === null || v === undefined || v === "") return MISSING_TEXT;
  return v.toLowerCase().replace(/\d+/g, (run) => {
    const digits = run.replace(/^0+(?=\d)/, "");
    return String(Math.min(digits.length, 99)).padStart(2, "0") + digits;
  });
}

/** `body`: the row's JSON as it arrived, when there is one (it need not be written again). */
export function toStoredRow(r: RequestResult, seq: number, body: string = JSON.stringify(r)): StoredResultRow {
  return {
    seq,
    reference_id: r.reference_id,
    status: upper(r.request_status),
    outcome: upper(r.channel_manager_status),
    insights: upper(r.insights_status),
    attempts: r.attempt_count ?? MISSING_NUMBER,
    sent_at: text(sentInstantOf(r.sent_at)),
    created_at: text(r.created_at),
    ref_key: naturalKey(r.reference_id),
    target_key: naturalKey(r.target),
    search: searchText(r),
    body,
  };
}

const SORT_COLUMNS: Record<ResultSortField, ResultSortColumn> = {
  reference_id: "ref_key",
  target: "target_key",
  request_status: "status",
  channel_manager_status: "outcome",
  attempt_count: "attempts",
  sent_at: "sent_at",
  insights_status: "insights",
  created_at: "created_at",
};

/** The stored column a results sort uses; no sort keeps Syllable's order. */
export const sortColumnOf = (sort: ResultSortField | undefined): ResultSortColumn => (sort ? SORT_COLUMNS[sort] : "seq");

/** A results query's filters as the stored columns hold them (upper-cased statuses, lower-cased text). */
export function storedFilter(q: ResultFilter): ResultRowFilter {
  const outcomes = [...channelStatuses(q.channel_status)];
  return {
    ...(q.status ? { status: q.status.toUpperCase() } : {}),
    ...(outcomes.length ? { outcomes } : {}),
    ...(q.insights_status ? { insights: q.insights_status.toUpperCase() } : {}),
    ...(q.reference_id ? { referenceId: q.reference_id, refKey: naturalKey(q.reference_id) } : {}),
    ...(q.q ? { text: q.q.toLowerCase() } : {}),
    // A range leaves out rows not sent yet (their missing mark sorts above every instant).
    ...(q.sent_from || q.sent_to ? { sentFrom: sentInstantOf(q.sent_from) ?? "", sentTo: sentInstantOf(q.sent_to) ?? MISSING_TEXT } : {}),
  };
}
