"use client";

import { RouteError } from "@/components/ui/route-states";

export default function BatchError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <RouteError what="The batch" reset={reset} />;
}
