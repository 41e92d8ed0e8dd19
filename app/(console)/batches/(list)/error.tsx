"use client";

import { RouteError } from "@/components/ui/route-states";

export default function BatchesError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <RouteError what="The batches" reset={reset} />;
}
