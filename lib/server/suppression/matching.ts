import "server-only";
// Which numbers must not be called for a campaign: on a list that applies to it (assigned, or
// for every campaign) and not expired. Used at upload and add-request (rows never sent to
// Syllable), by the sweep of queued requests, and by GET /api/suppression/check.
import { readPhoneNumber } from "@/lib/domain/phone-number";
import type { SuppressedRow, SuppressionCheck, SuppressionCheckMany } from "@/lib/schemas/suppression";
import { csvRowChunks, headerCells, writeCsvBeside } from "@/lib/server/csv-chunks";
import { getConfig } from "@/lib/server/env";
import { ApiError } from "@/lib/server/errors";
import { getStore } from "@/lib/server/store";
import type { SuppressionList } from "@/lib/server/store/types";

/** Rows checked per store lookup while an upload is filtered. */
const ROWS_PER_LOOKUP = 2_000;
/** Suppressed rows named in an upload's answer; beyond these only counted. */
export const MAX_SUPPRESSED_NAMED = 100;

/** Number (E.164) → the names of the lists it is on, for the lists that apply to `campaignId` (null: any list). */
export async function suppressedAmong(numbers: string[], campaignId: number | null, now = new Date()): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  if (!numbers.length) return found;
  for (const m of await getStore().suppression.matches(numbers, campaignId, now.toISOString()))
    found.set(m.number, [...(found.get(m.number) ?? []), m.listName]);
  return found;
}

/** Whether a list with numbers in force applies to the campaign: when none does, nothing needs reading. */
export function listsApplyTo(lists: SuppressionList[], campaignId: number): boolean {
  return lists.some((l) => l.activeNumbers > 0 && (l.appliesTo === "all" || l.campaignIds.includes(campaignId)));
}

async function anyListApplies(campaignId: number): Promise<boolean> {
  return listsApplyTo(await getStore().suppression.lists(new Date().toISOString()), campaignId);
}

/** For each target (any format), its E.164 number and the lists it is on for the campaign, or null when it may be called. */
export async function suppressedTargets(targets: string[], campaignId: number): Promise<Array<{ number: string; lists: string[] } | null>> {
  const country = getConfig().defaultCountry;
  const numbers = targets.map((t) => readPhoneNumber(t, country)).map((r) => ("number" in r ? r.number : ""));
  const lists = await suppressedAmong(numbers.filter(Boolean), campaignId);
  return numbers.map((number) => {
    const on = number ? lists.get(number) : undefined;
    return on ? { number, lists: on } : null;
  });
}

/** GET /api/suppression/check. */
export async function checkNumber(raw: string, campaignId: number | null): Promise<SuppressionCheck> {
  const read = readPhoneNumber(raw, getConfig().defaultCountry);
  if ("error" in read) throw new ApiError("validation_failed", `${read.error}: "${raw}".`, { number: read.error });
  const matches = await getStore().suppression.matches([read.number], campaignId, new Date().toISOString());
  return { number: read.number, suppressed: matches.length > 0, lists: matches.map((m) => ({ id: m.listId, name: m.listName })) };
}

/** POST /api/suppression/check: the inputs that are suppressed (inputs that are not numbers are not). */
export async function checkNumbers(inputs: string[], campaignId: number | null): Promise<SuppressionCheckMany> {
  const country = getConfig().defaultCountry;
  const read = inputs.map((input) => ({ input, read: readPhoneNumber(input, country) }));
  const numbers = read.flatMap((r) => ("number" in r.read ? [r.read.number] : []));
  const lists = await suppressedAmong(numbers, campaignId);
  return {
    checked: inputs.length,
    suppressed: read.flatMap((r) => {
      const on = "number" in r.read ? lists.get(r.read.number) : undefined;
      return on && "number" in r.read ? [{ input: r.input, number: r.read.number, lists: on }] : [];
    }),
  };
}

/** One request's target when it is suppressed for the campaign (add-request): the number and its lists; null when it may be called. */
export async function suppressedTarget(target: string, campaignId: number): Promise<{ number: string; lists: string[] } | null> {
  return (await suppressedTargets([target], campaignId))[0] ?? null;
}

export const quoteNames = (names: string[]) => names.map((n) => `"${n}"`).join(", ");

export type FilteredUpload = {
  /** The file to send: the original when nothing was suppressed, else a copy without those rows. */
  path: string;
  suppressed: number;
  rows: SuppressedRow[];
  dispose: () => Promise<void>;
};

/**
 * An upload's CSV (a temporary file) without the rows whose target is suppressed for the
 * campaign, read as a stream a few thousand rows at a time. Kept rows are written again by the
 * one CSV writer (as upload cells); when no row is suppressed the original file is sent as it is.
 */
export async function withoutSuppressedRows(file: string, campaignId: number): Promise<FilteredUpload> {
  const untouched: FilteredUpload = { path: file, suppressed: 0, rows: [], dispose: async () => undefined };
  if (!(await anyListApplies(campaignId))) return untouched;
  const named: SuppressedRow[] = [];
  let suppressed = 0;
  let header: string[] | null = null;
  let target = -1;
  let reference = -1;
  let rowNumber = 0;
  let pending: Array<{ row: number; cells: string[] }> = [];
  const written = await writeCsvBeside(file, "filtered", async (write) => {
    const settle = async () => {
      const found = await suppressedTargets(
        pending.map((p) => p.cells[target] ?? ""),
        campaignId,
      );
      const kept: string[][] = [];
      pending.forEach((p, i) => {
        const on = found[i];
        if (!on) return void kept.push(p.cells);
        suppressed++;
        if (named.length < MAX_SUPPRESSED_NAMED)
          named.push({ row: p.row, reference_id: p.cells[reference] ?? "", target: p.cells[target] ?? "", lists: on.lists });
      });
      await write(kept);
      pending = [];
    };
    for await (const rows of csvRowChunks(file)) {
      for (const cells of rows) {
        if (!header) {
          const columns = headerCells(cells);
          header = columns;
          target = columns.indexOf("target");
          reference = columns.indexOf("reference_id");
          await write([columns]);
          continue;
        }
        pending.push({ row: ++rowNumber, cells });
      }
      if (pending.length >= ROWS_PER_LOOKUP) await settle();
    }
    await settle();
  });
  if (suppressed === 0) {
    await written.dispose();
    return untouched;
  }
  return { ...written, suppressed, rows: named };
}
