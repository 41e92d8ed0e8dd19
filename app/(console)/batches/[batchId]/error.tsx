"use client";

import { ErrorState } from "@/components/ui/states";

export default function BatchError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorState message={error.message || "The batch could not be loaded."} onRetry={reset} />;
}
