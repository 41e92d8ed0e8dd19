"use client";

import { RouteError } from "@/components/ui/route-states";

export default function CampaignError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <RouteError what="The campaign" reset={reset} />;
}
