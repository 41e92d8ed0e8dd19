import { describe, expect, it } from "vitest";
import { bulkSummary } from "./bulk-results";

describe("bulkSummary: the toast after a bulk action says what was skipped and why", () => {
  it.each([
    [[{ batch_id: "a", ok: true }], "1 batch paused."],
    [
      [
        { batch_id: "a", ok: true },
        { batch_id: "b", ok: true },
      ],
      "2 batches paused.",
    ],
    [
      [
        { batch_id: "a", ok: true },
        { batch_id: "b", ok: false, error: "not found" },
      ],
      "1 of 2 batches paused; 1 could not be changed.",
    ],
    [
      [
        { batch_id: "a", ok: true },
        { batch_id: "f", ok: false, skipped: true, error: "Skipped: …" },
      ],
      "1 of 2 batches paused; 1 skipped: already finished, nothing to pause.",
    ],
    [
      [
        { batch_id: "f", ok: false, skipped: true },
        { batch_id: "g", ok: false, skipped: true },
        { batch_id: "b", ok: false, error: "x" },
      ],
      "0 of 3 batches paused; 2 skipped: already finished, nothing to pause; 1 could not be changed.",
    ],
    [[], "No batches to pause."],
  ])("%j → %s", (results, sentence) => expect(bulkSummary(results, "pause")).toBe(sentence));
});
