import { absoluteUtc } from "@/lib/format";
import type { NotDialing } from "@/lib/schemas/batches";

const DAY_NAMES: Record<string, string> = { mon: "Monday", tue: "Tuesday", wed: "Wednesday", thu: "Thursday", fri: "Friday", sat: "Saturday", sun: "Sunday" };
const n = (v: number) => v.toLocaleString("en-US");
const hhmm = (hms: string) => hms.slice(0, 5);

/** The sentence that explains why a batch is not dialing (the server sends the code and its values). */
export function notDialingMessage(nd: NotDialing): string {
  const opensNext = (next: string | null) => (next ? ` The window opens next on ${absoluteUtc(next)}.` : " No active day is set, so it never opens.");
  switch (nd.code) {
    case "failed":
      return `The batch failed${nd.error_message ? `: ${nd.error_message}` : "."}`;
    case "canceled":
      return "The batch was canceled; nothing more will be dialed.";
    case "expired":
      return `The batch expired${nd.expired_at ? ` on ${absoluteUtc(nd.expired_at)}` : ""}; nothing more will be dialed.`;
    case "on_hold":
      return "On hold: no outreach until it is resumed.";
    case "empty":
      return "No requests yet: upload a CSV or add requests.";
    case "nothing_pending":
      return nd.in_flight > 0 ? `Nothing left to dial: ${n(nd.in_flight)} calls are still in progress.` : "Nothing left to dial: every request has an outcome.";
    case "no_campaign":
      return "The batch's campaign could not be loaded, so its calling window is unknown.";
    case "inactive_day":
      return `Today (${DAY_NAMES[nd.day] ?? nd.day}) is not one of the campaign's active days.${opensNext(nd.next_window_start)}`;
    case "outside_window":
      return `Outside the calling window (${hhmm(nd.window_start)}–${hhmm(nd.window_end)} UTC).${opensNext(nd.next_window_start)}`;
    case "stalled":
      return (
        `Inside the calling window, but nothing was dialed in the last ${nd.minutes} minutes.` +
        (nd.max_daily_calls
          ? ` The campaign's daily limit (${n(nd.max_daily_calls)} calls) may be used up for today.`
          : " Check the campaign's line-type filters and Syllable's status.")
      );
  }
}
