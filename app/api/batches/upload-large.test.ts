// Batches at a contact centre's scale, against a real in-process sandbox: a million-row CSV goes
// through the console to Syllable (streamed to a temporary file, sent on from it); an oversized
// file is refused part-way and leaves nothing behind; the first read of the 100k batch shows its
// rows while it is under way.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ResultsPage, UploadResponse } from "@/lib/schemas/batches";
import { getConfig, resetConfigForTests } from "@/lib/server/env";
import { SEED } from "@/sandbox/seed";
import { startHarness, type Harness } from "@/tests/support/route-harness";
import * as uploadRoute from "./[batchId]/upload/route";
import * as resultsRoute from "./[batchId]/results/route";

vi.mock("@/lib/server/auth/current-user", async () => (await import("@/tests/support/route-harness")).currentUserModule);

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ seed: true, timeoutMs: 60_000 });
}, 120_000);
afterAll(async () => {
  await h?.close();
});

// Each harness has its own DATA_DIR: no other test's upload is in this folder.
const uploadsLeft = () => {
  const dir = path.join(getConfig().dataDir, "uploads");
  return fs.existsSync(dir) ? fs.readdirSync(dir).length : 0;
};
const csvForm = (name: string, parts: BlobPart[]) => {
  const form = new FormData();
  form.set("file", new File(parts, name, { type: "text/csv" }));
  return form;
};

describe("large uploads", () => {
  // (Reading a million results into the store is measured by bench/results-at-scale.ts.)
  it("a million rows: uploaded through a temporary file, counted and sent on whole", { timeout: 240_000 }, async () => {
    const batchId = `million-${Date.now()}`;
    await h.sandbox("POST", "/api/v1/outbound/batches", { batch_id: batchId, campaign_id: SEED.campaigns.alwaysOn, paused: true });
    const rows = 1_000_000;
    const parts: string[] = ["reference_id,target,first_name\n"];
    for (let start = 0; start < rows; start += 50_000) {
      let chunk = "";
      for (let i = start; i < start + 50_000; i++) chunk += `m${i},+1${2_000_000_000 + i},Zoë\n`;
      parts.push(chunk);
    }
    const res = await h.call(uploadRoute.POST, `/api/batches/${batchId}/upload`, { role: "manager", params: { batchId }, body: csvForm("million.csv", parts) });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(((await res.json()) as UploadResponse).batch.progress.total).toBe(rows);
    expect(uploadsLeft()).toBe(0); // the temporary file is gone

    const entries = await (await import("@/lib/server/store")).getStore().audit.list({ action: "batch.upload", limit: 1 });
    expect(entries[0]?.detail).toMatchObject({ filename: "million.csv", rows, last_reference_id: "m999999" });
  });

  it("a file over UPLOAD_MAX_MB is refused while it streams in (413) and leaves no temporary file", async () => {
    process.env.UPLOAD_MAX_MB = "1";
    resetConfigForTests();
    try {
      const batchId = SEED.batches.pending;
      const big = "reference_id,target\n" + "r,+15125550000\n".repeat(100_000); // 1.5 MB
      const res = await h.call(uploadRoute.POST, `/api/batches/${batchId}/upload`, { role: "manager", params: { batchId }, body: csvForm("big.csv", [big]) });
      expect(res.status).toBe(413);
      expect(((await res.json()) as { error: { message: string } }).error.message).toBe("The file is larger than 1 MB, the most the console accepts.");
      expect(uploadsLeft()).toBe(0);
    } finally {
      delete process.env.UPLOAD_MAX_MB;
      resetConfigForTests();
    }
  });

  it("the first read of a big batch shows the rows read so far, with its progress, until it is done", { timeout: 120_000 }, async () => {
    const batchId = SEED.batches.big;
    const page = async () =>
      (await (await h.call(resultsRoute.GET, `/api/batches/${batchId}/results?limit=50`, { role: "supervisor", params: { batchId } })).json()) as ResultsPage;
    const first = await page();
    expect(first.reading).not.toBeNull();
    expect(first.reading!.rows_expected).toBe(SEED.bigBatchSize);
    expect(first.reading!.rows_read).toBeGreaterThan(0);
    expect(first.total_count).toBe(first.reading!.rows_read);
    expect(first.items).toHaveLength(50);
    expect(first.items[0]?.reference_id).toBe("REF-000001");
    let last = first;
    while (last.reading) {
      await new Promise((r) => setTimeout(r, 200));
      last = await page();
    }
    expect(last.total_count).toBe(SEED.bigBatchSize);
    expect(last.rows_as_of).not.toBeNull();
  });
});
