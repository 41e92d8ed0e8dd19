import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { BatchList } from "@/components/batches/batch-list";
import { CreateBatchButton } from "@/components/batches/create-batch-dialog";
import { batchListParams, batchKeys } from "@/lib/queries/batches";
import { getQueryClient } from "@/lib/queries/query-client";
import { hasRole } from "@/lib/schemas/roles";
import { batchListQuerySchema, type CampaignOption } from "@/lib/schemas/batches";
import { campaignOptionsFor, listBatchesFor } from "@/lib/server/dal/batches";
import { requirePageUser } from "@/lib/server/dal/page-user";

export const metadata = { title: "Batches" };

export default async function BatchesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser();
  const canWrite = hasRole(user.role, "manager");
  const params = batchListParams(await searchParams);
  const queryClient = getQueryClient();
  // Prefetch through lib/server directly (no HTTP hop); a bad URL or an upstream failure is left
  // to the client query, which shows the error with a retry.
  const parsed = batchListQuerySchema.safeParse(params);
  if (parsed.success) {
    await queryClient.prefetchQuery({ queryKey: batchKeys.list(params), queryFn: () => listBatchesFor(user, parsed.data) });
  }
  let campaigns: CampaignOption[] = [];
  if (canWrite) {
    try {
      campaigns = await campaignOptionsFor(user);
    } catch {
      campaigns = [];
    }
  }
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between gap-4">
        <div>
          <h1 className="text-xl font-semibold">Batches</h1>
          <p className="text-sm text-slate-500">Contact lists attached to campaigns, and how far along each one is.</p>
        </div>
        {canWrite && <CreateBatchButton campaigns={campaigns} />}
      </div>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <BatchList canWrite={canWrite} />
      </HydrationBoundary>
    </div>
  );
}
