import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { BatchList } from "@/components/batches/batch-list";
import { CreateBatchButton, type CampaignOption } from "@/components/batches/create-batch-dialog";
import { batchListParams, batchKeys } from "@/lib/queries/batches";
import { getQueryClient } from "@/lib/queries/query-client";
import { hasRole } from "@/lib/schemas/roles";
import { batchListQuerySchema } from "@/lib/schemas/batches";
import { getCurrentUser } from "@/lib/server/auth/current-user";
import { campaignIndex, listBatches } from "@/lib/server/batches/service";

export const metadata = { title: "Batches" };

export default async function BatchesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await getCurrentUser();
  const canWrite = !!user && hasRole(user.role, "manager");
  const params = batchListParams(await searchParams);
  const queryClient = getQueryClient();
  // Prefetch through lib/server directly (no HTTP hop); a bad URL or an upstream failure is left
  // to the client query, which shows the error with a retry.
  const parsed = batchListQuerySchema.safeParse(params);
  if (parsed.success) {
    await queryClient.prefetchQuery({ queryKey: batchKeys.list(params), queryFn: () => listBatches(parsed.data) });
  }
  let campaigns: CampaignOption[] = [];
  if (canWrite) {
    try {
      campaigns = [...(await campaignIndex()).values()].map((c) => ({ id: c.id, name: c.campaign_name, hourly_rate: c.hourly_rate ?? null }));
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
        <BatchList />
      </HydrationBoundary>
    </div>
  );
}
