import { withRole } from "@/lib/server/auth/with-role";
import { listIdOf, requireList } from "@/lib/server/suppression/lists";
import { numbersCsv } from "@/lib/server/suppression/export";

/** The list's numbers as CSV, read from the store a chunk at a time as the client takes them. */
export const GET = withRole("GET /api/suppression-lists/[listId]/numbers.csv", async ({ params }) => {
  const list = await requireList(listIdOf(params.listId));
  const safeName = list.name.replace(/[^A-Za-z0-9._-]+/g, "_");
  return new Response(numbersCsv(list.id), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="suppression-${safeName}.csv"`,
      "Cache-Control": "no-store",
      "X-Total-Count": String(list.numbers),
    },
  });
});
