import fs from "node:fs";
import type { UploadResponse } from "@/lib/schemas/batches";
import { audited, auditBy } from "@/lib/server/audit";
import { json, withRole } from "@/lib/server/auth/with-role";
import type { CountryCode } from "libphonenumber-js/min";
import { mapUploadFile, readMapping, type MappedUpload } from "@/lib/server/batches/map-upload";
import { readUploadFile } from "@/lib/server/batches/upload-file";
import { loadBatchDetail, refreshBatch } from "@/lib/server/live/batch-detail";
import { getConfig } from "@/lib/server/env";
import { getStore } from "@/lib/server/store";
import { withoutSuppressedRows } from "@/lib/server/suppression/matching";
import { getSyllable } from "@/lib/server/syllable";

/**
 * Multipart `file` (CSV): streamed to a temporary file and checked (lib/server/batches/upload-file.ts),
 * rewritten to the upload's columns when a `mapping` field names the file's own (map-upload.ts),
 * its rows with a suppressed number left out (lib/server/suppression), sent on to Syllable from
 * disk, then the batch read back.
 */
export const POST = withRole("POST /api/batches/[batchId]/upload", async ({ req, user, params }) => {
  const uploaded = await readUploadFile(req, getConfig().uploadMaxBytes, getConfig().dataDir);
  // A `mapping` field: the file's own columns rewritten to the upload's first.
  let mapped: MappedUpload | null = null;
  try {
    const text = uploaded.fields.mapping;
    if (text !== undefined) mapped = await mapUploadFile(uploaded.path, readMapping(text, uploaded.columns), getConfig().defaultCountry as CountryCode);
  } catch (err) {
    await uploaded.dispose();
    throw err;
  }
  const { name, bytes } = uploaded;
  const { path, rows, last_reference_id } = mapped ?? uploaded;
  const dispose = async () => {
    await mapped?.dispose();
    await uploaded.dispose();
  };
  try {
    const { campaign_id } = await loadBatchDetail(params.batchId);
    const filtered = await withoutSuppressedRows(path, campaign_id);
    try {
      const { suppressed } = filtered;
      const detail = { filename: name, bytes, rows, last_reference_id, ...(mapped ? { mapped: true } : {}), ...(suppressed ? { suppressed } : {}) };
      let upload: unknown = null;
      if (suppressed < rows || rows === 0) {
        const file = await fs.openAsBlob(filtered.path, { type: "text/csv" });
        upload = await audited(user, "batch.upload", `batch:${params.batchId}`, detail, () => getSyllable().uploadBatchCsv(params.batchId, file, name));
      } else {
        // Every row suppressed: nothing goes to Syllable; the attempt is still on record.
        await auditBy(user, "batch.upload", `batch:${params.batchId}`, { ...detail, sent: false });
      }
      if (suppressed) await getStore().suppression.noteUploadSuppressed(params.batchId, suppressed);
      const body: UploadResponse = {
        upload: upload && typeof upload === "object" ? (upload as Record<string, unknown>) : null,
        batch: await refreshBatch(params.batchId, { results: true }),
        suppressed,
        suppressed_rows: filtered.rows,
      };
      return json(body);
    } finally {
      await filtered.dispose();
    }
  } finally {
    await dispose();
  }
});
