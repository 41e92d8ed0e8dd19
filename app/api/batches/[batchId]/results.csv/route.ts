import { withRole } from "@/lib/server/auth/with-role";
import { batchResultsCsvFor } from "@/lib/server/dal/batches";

/** The filtered results as a CSV, streamed from the store as the client reads it (never one giant string). */
export const GET = withRole("GET /api/batches/[batchId]/results.csv", async ({ query, params, user }) => {
  const { total, csv } = await batchResultsCsvFor(user, params.batchId, query);
  const safeName = params.batchId.replace(/[^A-Za-z0-9._-]/g, "_");
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${safeName}-results.csv"`,
      "Cache-Control": "no-store",
      "X-Total-Count": String(total),
    },
  });
});
