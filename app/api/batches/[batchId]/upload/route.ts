import type { UploadResponse } from "@/lib/schemas/batches";
import { audited } from "@/lib/server/audit";
import { json, withRole } from "@/lib/server/auth/with-role";
import { readUploadFile } from "@/lib/server/batches/upload-file";
import { refreshBatch } from "@/lib/server/live/batch-detail";
import { getConfig } from "@/lib/server/env";
import { getSyllable } from "@/lib/server/syllable";

/** Multipart `file` (CSV): streamed to a temporary file and checked (lib/server/batches/upload-file.ts), sent on to Syllable from it, then the batch read back. */
export const POST = withRole("POST /api/batches/[batchId]/upload", async ({ req, user, params }) => {
  const { file, name, bytes, rows, last_reference_id, dispose } = await readUploadFile(req, getConfig().uploadMaxBytes, getConfig().dataDir);
  try {
    const upload = await audited(user, "batch.upload", `batch:${params.batchId}`, { filename: name, bytes, rows, last_reference_id }, () =>
      getSyllable().uploadBatchCsv(params.batchId, file, name),
    );
    const body: UploadResponse = {
      upload: upload && typeof upload === "object" ? (upload as Record<string, unknown>) : null,
      batch: await refreshBatch(params.batchId, { results: true }),
    };
    return json(body);
  } finally {
    await dispose();
  }
});
