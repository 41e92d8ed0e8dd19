import { json, withRole } from "@/lib/server/auth/with-role";
import { readUploadFile } from "@/lib/server/batches/upload-file";
import { getConfig } from "@/lib/server/env";
import { listIdOf, requireList } from "@/lib/server/suppression/lists";
import { importNumbers } from "@/lib/server/suppression/numbers";

/**
 * A CSV of numbers (multipart `file`, or a text/csv body): streamed to a temporary file, then read
 * a chunk at a time. The phone and expiry columns are named by query or form fields.
 */
export const POST = withRole("POST /api/suppression-lists/[listId]/import", async ({ req, user, params, query }) => {
  const list = await requireList(listIdOf(params.listId));
  const { path, name, bytes, fields, dispose } = await readUploadFile(req, getConfig().uploadMaxBytes, getConfig().dataDir, {
    checkHeader: () => undefined, // the columns are chosen by name after the upload (importNumbers)
    rawCsv: true,
  });
  try {
    const field = (k: string) => (fields[k]?.trim() ? fields[k].trim() : undefined);
    return json(
      await importNumbers(
        user,
        list.id,
        { path, name, bytes },
        {
          phone_column: query.phone_column ?? field("phone_column"),
          expiry_column: query.expiry_column ?? field("expiry_column"),
          reason: query.reason ?? field("reason"),
        },
      ),
    );
  } finally {
    await dispose();
  }
});
