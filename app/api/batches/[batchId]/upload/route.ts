import { MAX_UPLOAD_BYTES, type UploadResponse } from "@/lib/schemas/batches";
import { audited } from "@/lib/server/audit";
import { json, withRole } from "@/lib/server/auth/with-role";
import { invalidateBatch, loadBatchDetail } from "@/lib/server/batches/service";
import { ApiError } from "@/lib/server/errors";
import { getSyllable } from "@/lib/server/syllable";

const CSV_TYPES = new Set(["", "text/csv", "application/csv", "text/plain", "application/vnd.ms-excel", "text/x-csv", "application/octet-stream"]);

/** Multipart `file` (CSV): checks size and type, forwards it to Syllable, then reads the batch back. */
export const POST = withRole<{ batchId: string }>("manager", async ({ req, user, params }) => {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > MAX_UPLOAD_BYTES + 64 * 1024) throw tooBig();
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    throw new ApiError("bad_request", "Send the CSV as multipart/form-data in a field named \"file\".");
  }
  const file = form.get("file");
  if (!(file instanceof File)) throw new ApiError("validation_failed", "Choose a CSV file to upload.", { file: "Choose a CSV file" });
  if (file.size === 0) throw new ApiError("validation_failed", "The file is empty.", { file: "The file is empty" });
  if (file.size > MAX_UPLOAD_BYTES) throw tooBig();
  const name = file.name || "upload.csv";
  if (!name.toLowerCase().endsWith(".csv") || !CSV_TYPES.has(file.type.split(";")[0]!.trim().toLowerCase())) {
    throw new ApiError("validation_failed", "Only .csv files can be uploaded.", { file: "Only .csv files can be uploaded" });
  }
  const head = (await file.slice(0, 4096).text()).replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  const columns = head.split(",").map((c) => c.trim().replace(/^"|"$/g, "").toLowerCase());
  if (!columns.includes("reference_id") || !columns.includes("target")) {
    throw new ApiError("validation_failed", "The CSV needs a header row with reference_id and target columns.", {
      file: "Missing reference_id or target column",
    });
  }
  const upload = await audited(user, "batch.upload", `batch:${params.batchId}`, { filename: name, bytes: file.size }, () =>
    getSyllable().uploadBatchCsv(params.batchId, file, name),
  );
  invalidateBatch(params.batchId);
  const body: UploadResponse = {
    upload: upload && typeof upload === "object" ? (upload as Record<string, unknown>) : null,
    batch: await loadBatchDetail(params.batchId),
  };
  return json(body);
});

function tooBig() {
  return new ApiError("validation_failed", `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`, { file: "File too large" });
}
