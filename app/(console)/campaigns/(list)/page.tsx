import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { Suspense } from "react";
import { CampaignList } from "@/components/campaigns/campaign-list";
import { LoadingState } from "@/components/ui/states";
import { campaignKeys, campaignListParams } from "@/lib/queries/campaigns";
import { getQueryClient } from "@/lib/queries/query-client";
import { campaignListQuerySchema } from "@/lib/schemas/campaigns";
import { listCampaignsFor } from "@/lib/server/dal/campaigns";
import { requirePageUser } from "@/lib/server/dal/page-user";

export const metadata = { title: "Campaigns" };

export default async function CampaignsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser();
  const params = campaignListParams(await searchParams);
  const queryClient = getQueryClient();
  // Prefetch through lib/server directly (not over HTTP); a bad URL or upstream failure is left to the client, which shows it.
  const parsed = campaignListQuerySchema.safeParse(params);
  if (parsed.success) {
    await queryClient.prefetchQuery({ queryKey: campaignKeys.list(params), queryFn: () => listCampaignsFor(user, parsed.data) });
  }
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <Suspense fallback={<LoadingState label="Loading campaigns…" />}>
        <CampaignList role={user.role} />
      </Suspense>
    </HydrationBoundary>
  );
}
