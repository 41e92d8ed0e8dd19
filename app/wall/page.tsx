import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { WallView } from "@/components/live/wall-view";
import { liveKeys } from "@/lib/queries/live";
import { getQueryClient } from "@/lib/queries/query-client";
import { liveOverviewFor } from "@/lib/server/dal/live";
import { requirePageUser } from "@/lib/server/dal/page-user";

export const metadata = { title: "Wall" };

/**
 * The overview for a screen on the wall (a URL a screen keeps open): outside the console's shell
 * (no navigation, the whole screen), for every signed-in role.
 */
export default async function WallPage() {
  const user = await requirePageUser();
  const queryClient = getQueryClient();
  // An upstream failure is left to the client query, which shows it and recovers.
  await queryClient.prefetchQuery({ queryKey: liveKeys.overview({}), queryFn: () => liveOverviewFor(user, {}) });
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <WallView />
    </HydrationBoundary>
  );
}
