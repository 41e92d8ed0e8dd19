import "server-only";
// A suppression list as CSV: read from the store in number order, a chunk at a time as the
// client takes it (a pull stream: a million numbers never sit in memory), through the one CSV writer.
import { csvLine } from "@/lib/domain/csv";
import { getStore } from "@/lib/server/store";

const CHUNK = 5_000;
export const NUMBERS_CSV_COLUMNS = ["number", "reason", "source", "added_by", "added_at", "expires_at"] as const;

export function numbersCsv(listId: number): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after: string | undefined;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        // BOM so spreadsheet apps read UTF-8 reasons correctly.
        controller.enqueue(encoder.encode("\uFEFF" + csvLine(NUMBERS_CSV_COLUMNS)));
        return;
      }
      const { items } = await getStore().suppression.numbers(listId, { after: after ?? "", limit: CHUNK });
      if (!items.length) return controller.close();
      after = items.at(-1)!.number;
      controller.enqueue(encoder.encode(items.map((e) => csvLine([e.number, e.reason, e.source, e.addedBy, e.addedAt, e.expiresAt])).join("")));
    },
  });
}
