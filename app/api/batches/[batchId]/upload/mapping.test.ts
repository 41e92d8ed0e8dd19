// An upload with a `mapping` field: a CRM's file ("Mobile Number" in national format, "Customer
// Ref", "First Name") reaches Syllable as reference_id, target in E.164 and named variables; a
// mapping that is not JSON, names a column the file lacks, or misses a field is a sentence at
// `mapping`, and nothing is sent or left behind.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { UploadResponse } from "@/lib/schemas/batches";
import { getConfig } from "@/lib/server/env";
import { getStore } from "@/lib/server/store";
import { anyTimeCampaign } from "@/tests/support/campaign-body";
import { startHarness, type Harness } from "@/tests/support/route-harness";
import * as uploadRoute from "./route";

vi.mock("@/lib/server/auth/current-user", async () => (await import("@/tests/support/route-harness")).currentUserModule);

let h: Harness;
let campaign: number;
beforeAll(async () => {
  h = await startHarness();
  campaign = (await h.sandbox<{ id: number }>("POST", "/api/v1/outbound/campaigns", anyTimeCampaign("Mapped uploads"))).id;
}, 60_000);
afterAll(async () => h?.close());

const CRM = 'Customer Ref,First Name,Mobile Number\nC-1,Ana,(415) 555-0103\nC-2,"Ben, Jr.",415.555.0104\n';
const MAPPING = { target: "Mobile Number", reference_id: "Customer Ref", variables: { first_name: "First Name" } };

async function upload(batchId: string, mapping: string | undefined, csv = CRM) {
  const form = new FormData();
  form.set("file", new File([csv], "crm.csv", { type: "text/csv" }));
  if (mapping !== undefined) form.set("mapping", mapping);
  return h.call(uploadRoute.POST, `/api/batches/${batchId}/upload`, { role: "manager", params: { batchId }, body: form });
}
const newBatch = async (id: string) => h.sandbox("POST", "/api/v1/outbound/batches", { batch_id: id, campaign_id: campaign, paused: true });
const uploadsLeft = () => {
  const dir = path.join(getConfig().dataDir, "uploads");
  return fs.existsSync(dir) ? fs.readdirSync(dir).length : 0;
};

describe("POST /api/batches/{id}/upload with a mapping", () => {
  it("a CRM's columns and national numbers arrive as reference_id, E.164 targets and named variables", async () => {
    await newBatch("mapped-1");
    const res = await upload("mapped-1", JSON.stringify(MAPPING));
    expect(res.status, await res.clone().text()).toBe(200);
    expect(((await res.json()) as UploadResponse).batch.progress.total).toBe(2);
    const rows = await h.sandbox<Array<{ reference_id: string; target: string; request_status: string; request_variables: Record<string, string> }>>(
      "GET",
      "/api/v1/outbound/batches/mapped-1/results",
    );
    expect(rows.map((r) => [r.reference_id, r.target, r.request_status, r.request_variables.first_name]).sort()).toEqual([
      ["C-1", "+14155550103", "PENDING", "Ana"],
      ["C-2", "+14155550104", "PENDING", "Ben, Jr."],
    ]);
    const [entry] = await getStore().audit.list({ action: "batch.upload", target: "batch:mapped-1", limit: 1 });
    expect(entry?.detail).toMatchObject({ rows: 2, mapped: true, last_reference_id: "C-2" });
    expect(uploadsLeft()).toBe(0);
  });

  it("without a mapping, the same file is refused for its columns (as before)", async () => {
    await newBatch("mapped-2");
    const res = await upload("mapped-2", undefined);
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields.file).toBe("Missing reference_id or target column");
  });

  it("a bad mapping is a sentence at `mapping`; nothing reaches Syllable or stays on disk", async () => {
    await newBatch("mapped-3");
    const cases: Array<[string, RegExp]> = [
      ["{not json", /The mapping is not JSON/],
      [JSON.stringify({ ...MAPPING, target: "Phone" }), /The file has no column "Phone" \(it has "Customer Ref", "First Name", "Mobile Number"\)/],
      [JSON.stringify({ target: "Mobile Number" }), /The mapping's reference_id: Name the column that holds the reference id/],
      [JSON.stringify({ ...MAPPING, variables: { "first name": "First Name" } }), /The mapping's variables\.first name: /],
    ];
    for (const [mapping, message] of cases) {
      const res = await upload("mapped-3", mapping);
      expect(res.status, mapping).toBe(422);
      const body = (await res.json()) as { error: { message: string; fields: Record<string, string> } };
      expect(body.error.fields.mapping, mapping).toMatch(message);
    }
    expect((await h.sandbox<unknown[]>("GET", "/api/v1/outbound/batches/mapped-3/results")).length).toBe(0);
    expect(uploadsLeft()).toBe(0);
  });
});
