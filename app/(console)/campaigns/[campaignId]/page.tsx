import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { notFound } from "next/navigation";
import { CampaignDetail } from "@/components/campaigns/campaign-detail";
import { campaignKeys } from "@/lib/queries/campaigns";
import { getQueryClient } from "@/lib/queries/query-client";
import { campaignDetailFor } from "@/lib/server/dal/campaigns";
import { requirePageUser } from "@/lib/server/dal/page-user";
import { campaignIdFrom } from "@/lib/schemas/campaign-id";
import { isApiError } from "@/lib/server/errors";

export const metadata = { title: "Campaign" };

export default async function CampaignPage({ params }: { params: Promise<{ campaignId: string }> }) {
  const user = await requirePageUser();
  const { campaignId } = await params;
  const id = campaignIdFrom(campaignId);
  if (id === null) notFound();
  const queryClient = getQueryClient();
  let serverError: string | undefined;
  try {
    queryClient.setQueryData(campaignKeys.detail(id), await campaignDetailFor(user, id));
  } catch (err) {
    if (isApiError(err) && err.code === "not_found") notFound();
    // Upstream trouble: the page says so at once (within the time budget) and retries by itself.
    if (!isApiError(err)) throw err; // error.tsx
    serverError = err.message;
  }
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <CampaignDetail campaignId={id} role={user.role} serverError={serverError} />
    </HydrationBoundary>
  );
}
