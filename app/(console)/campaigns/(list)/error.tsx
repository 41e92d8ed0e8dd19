"use client";

import { RouteError } from "@/components/ui/route-states";

export default function CampaignsError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <RouteError what="The campaigns" reset={reset} />;
}
