import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { notFound } from "next/navigation";
import { BatchDetail } from "@/components/batches/batch-detail";
import { batchKeys } from "@/lib/queries/batches";
import { getQueryClient } from "@/lib/queries/query-client";
import { hasRole } from "@/lib/schemas/roles";
import { batchDetailFor } from "@/lib/server/dal/batches";
import { requirePageUser } from "@/lib/server/dal/page-user";
import { getConfig } from "@/lib/server/env";
import { isApiError } from "@/lib/server/errors";
import { revealBidiControls } from "@/lib/format";

export async function generateMetadata({ params }: { params: Promise<{ batchId: string }> }) {
  const id = revealBidiControls(safeDecode((await params).batchId));
  return { title: `Batch ${id.length > 80 ? `${id.slice(0, 79)}…` : id}` };
}

export default async function BatchPage({ params }: { params: Promise<{ batchId: string }> }) {
  const user = await requirePageUser();
  const batchId = safeDecode((await params).batchId);
  const queryClient = getQueryClient();
  let serverError: string | undefined;
  try {
    // Straight through lib/server (no HTTP hop); the client query then keeps it live.
    const detail = await batchDetailFor(user, batchId);
    queryClient.setQueryData(batchKeys.detail(batchId), detail);
  } catch (err) {
    if (isApiError(err) && err.code === "not_found") notFound();
    // Upstream trouble: the page says so at once (within the time budget) and retries by itself.
    serverError = isApiError(err) ? err.message : "Something went wrong on our side.";
  }
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <BatchDetail
        batchId={batchId}
        canWrite={hasRole(user.role, "manager")}
        uploadMaxBytes={getConfig().uploadMaxBytes}
        resultsRefreshMs={getConfig().resultsRefreshMs}
        serverError={serverError}
      />
    </HydrationBoundary>
  );
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
