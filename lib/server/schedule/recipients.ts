import "server-only";
// A batch's pending recipients by place: the zones and US state of each number (phone-zones),
// counted from the PENDING requests Syllable holds (streamed, never the whole answer in memory).
import { parsePhoneNumberFromString } from "libphonenumber-js/min";
import type { RecipientGroup } from "@/lib/domain/calling-hours";
import { readPhoneNumber } from "@/lib/domain/phone-number";
import { getConfig } from "@/lib/server/env";
import { jsonArraySplitter } from "@/lib/server/results/json-array-splitter";
import { getSyllable } from "@/lib/server/syllable";
import { placeOfNumber } from "./phone-zones";

/** Where one number (any format) is: its zones, US state and country (none known when it is not a number). */
export function placeOf(raw: string, country = getConfig().defaultCountry): Omit<RecipientGroup, "count"> {
  const read = readPhoneNumber(raw, country);
  const e164 = "number" in read ? read.number : null;
  const place = e164 ? placeOfNumber(e164) : { zones: [], state: null };
  return { ...place, country: e164 ? (parsePhoneNumberFromString(e164)?.country ?? null) : null };
}

/** Groups numbers (any format) by place, counting each. */
export function groupNumbers(numbers: Iterable<string>): RecipientGroup[] {
  const country = getConfig().defaultCountry;
  const groups = new Map<string, RecipientGroup>();
  for (const raw of numbers) {
    const place = placeOf(raw, country);
    const key = `${place.zones.join("&")}|${place.state ?? ""}`;
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { ...place, count: 1 });
  }
  return [...groups.values()].sort((a, b) => b.count - a.count);
}

/** The batch's PENDING recipients by place. */
export async function pendingRecipientGroups(batchId: string): Promise<RecipientGroup[]> {
  const targets: string[] = [];
  const groups: RecipientGroup[] = [];
  const merge = () => {
    for (const g of groupNumbers(targets.splice(0))) {
      const same = groups.find((x) => x.state === g.state && x.zones.join("&") === g.zones.join("&"));
      if (same) same.count += g.count;
      else groups.push(g);
    }
  };
  await getSyllable().streamBatchResults(batchId, { status: "PENDING" }, async (body) => {
    const splitter = jsonArraySplitter((value) => {
      const r = value as { target?: unknown; request_status?: unknown };
      if (typeof r.target === "string" && String(r.request_status ?? "").toUpperCase() === "PENDING") targets.push(r.target);
    });
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      splitter.write(value);
      if (targets.length >= 5_000) merge();
    }
    splitter.end();
  });
  merge();
  return groups.sort((a, b) => b.count - a.count);
}
