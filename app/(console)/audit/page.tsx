import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { AuditTable } from "@/components/audit/audit-table";
import { auditKeys, auditParams } from "@/lib/queries/audit";
import { getQueryClient } from "@/lib/queries/query-client";
import { auditQuerySchema } from "@/lib/schemas/audit";
import { auditPageFor } from "@/lib/server/dal/audit";
import { requirePageUser } from "@/lib/server/dal/page-user";

export const metadata = { title: "Audit" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser("manager");
  const params = auditParams(await searchParams);
  const queryClient = getQueryClient();
  // A bad filter in the URL is left to the client query, which shows the error.
  const parsed = auditQuerySchema.safeParse(params);
  if (parsed.success) queryClient.setQueryData(auditKeys.page(params), await auditPageFor(user, parsed.data));
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">Audit</h1>
        <p className="text-sm text-slate-600">
          {user.role === "admin" ? "Every change made through the console" : "Every change made through the console to batches and campaigns"}, with the person
          who made it and why. Newest first; times in UTC.
        </p>
      </div>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <AuditTable />
      </HydrationBoundary>
    </div>
  );
}
