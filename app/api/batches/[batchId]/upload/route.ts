import type { UploadResponse } from "@/lib/schemas/batches";
import { audited } from "@/lib/server/audit";
import { json, withRole } from "@/lib/server/auth/with-role";
import { readUploadFile } from "@/lib/server/batches/upload-file";
import { refreshBatch } from "@/lib/server/live/batch-detail";
import { getConfig } from "@/lib/server/env";
import { getSyllable } from "@/lib/server/syllable";

/** Multipart `file` (CSV): checked (lib/server/batches/upload-file.ts), forwarded to Syllable, then the batch read back. */
export const POST = withRole("POST /api/batches/[batchId]/upload", async ({ req, user, params }) => {
  const { file, name, last_reference_id } = await readUploadFile(req, getConfig().uploadMaxBytes);
  const upload = await audited(user, "batch.upload", `batch:${params.batchId}`, { filename: name, bytes: file.size, last_reference_id }, () =>
    getSyllable().uploadBatchCsv(params.batchId, file, name),
  );
  const body: UploadResponse = {
    upload: upload && typeof upload === "object" ? (upload as Record<string, unknown>) : null,
    batch: await refreshBatch(params.batchId, { results: true }),
  };
  return json(body);
});
