"use client";

import { ErrorState } from "@/components/ui/states";

export default function CampaignsError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorState message="The campaigns could not be loaded. Try again in a moment." onRetry={reset} />;
}
