"use client";

import { ErrorState } from "@/components/ui/states";

export default function BatchesError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorState message={error.message || "The batches could not be loaded."} onRetry={reset} />;
}
