import "server-only";
// A CSV file on disk, read as rows a chunk at a time (one read buffer's worth), with the file
// read no further until the consumer asks for the next chunk: a million-row file in bounded
// memory. Papa Parse's chunk callback with pause/resume: its Node stream mode (NODE_STREAM_INPUT)
// hands out one row per stream read and was 40 times slower (3.5 s for 100k rows, here 0.09 s).
import fs from "node:fs";
import Papa from "papaparse";

type Item = { rows: string[][] } | { done: true } | { error: unknown };

export async function* csvRowChunks(file: string): AsyncGenerator<string[][]> {
  const queue: Item[] = [];
  let waiting: ((item: Item) => void) | null = null;
  let parser: Papa.Parser | null = null;
  const push = (item: Item) => {
    const w = waiting;
    waiting = null;
    if (w) w(item);
    else queue.push(item);
  };
  const stream = fs.createReadStream(file);
  Papa.parse<string[]>(stream as unknown as File, {
    skipEmptyLines: "greedy",
    chunk: (res, p) => {
      parser = p;
      p.pause();
      push({ rows: res.data });
    },
    complete: () => push({ done: true }),
    error: (error: unknown) => push({ error }),
  });
  try {
    for (;;) {
      const item = queue.shift() ?? (await new Promise<Item>((resolve) => (waiting = resolve)));
      if ("error" in item) throw item.error instanceof Error ? item.error : new Error(String(item.error));
      if ("done" in item) return;
      yield item.rows;
      (parser as Papa.Parser | null)?.resume();
    }
  } finally {
    (parser as Papa.Parser | null)?.abort();
    stream.destroy();
  }
}
