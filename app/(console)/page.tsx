import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { LiveOverview } from "@/components/live/overview";
import { liveKeys } from "@/lib/queries/live";
import { getQueryClient } from "@/lib/queries/query-client";
import { liveQuerySchema } from "@/lib/schemas/live";
import { liveOverviewFor } from "@/lib/server/dal/live";
import { requirePageUser } from "@/lib/server/dal/page-user";
import { hasRole, ROLES } from "@/lib/schemas/roles";
import { DeniedNotice } from "@/components/layout/denied-notice";
import { safeNextPath } from "@/lib/safe-next";

export const metadata = { title: "Overview" };

/** The console's home: the operations overview (server-prefetched, then live in the browser). */
export default async function OverviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser();
  const sp = await searchParams;
  const raw: Record<string, string> = {};
  for (const k of ["campaign", "status"]) if (typeof sp[k] === "string") raw[k] = sp[k];
  const parsed = liveQuerySchema.safeParse(raw);
  const params: Record<string, string> = parsed.success
    ? Object.fromEntries(
        Object.entries(parsed.data)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => [k, String(v)]),
      )
    : {};
  const queryClient = getQueryClient();
  // An upstream failure is left to the client query, which shows it with a retry.
  await queryClient.prefetchQuery({ queryKey: liveKeys.overview(params), queryFn: () => liveOverviewFor(user, parsed.success ? parsed.data : {}) });
  const denied = typeof sp.denied === "string" && safeNextPath(sp.denied) === sp.denied ? sp.denied : null;
  const needs = ROLES.find((r) => r === sp.needs);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      {denied && needs ? (
        <div className="mb-4">
          <DeniedNotice path={denied} needs={needs} role={user.role} />
        </div>
      ) : null}
      <LiveOverview canAck={hasRole(user.role, "supervisor")} />
    </HydrationBoundary>
  );
}
