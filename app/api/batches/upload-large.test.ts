// Uploads at a contact centre's scale, against a real in-process sandbox: a million-row CSV goes
// through the console to Syllable (streamed to a temporary file, sent on from it); an oversized
// file is refused part-way and leaves nothing behind.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { UploadResponse } from "@/lib/schemas/batches";
import { getConfig, resetConfigForTests } from "@/lib/server/env";
import { SEED } from "@/sandbox/seed";
import { startHarness, type Harness } from "@/tests/support/route-harness";
import * as uploadRoute from "./[batchId]/upload/route";

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
});
