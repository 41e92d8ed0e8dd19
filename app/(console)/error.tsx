"use client";

import { ErrorState } from "@/components/ui/states";

// Any page that throws while rendering lands here: a sentence and a retry, never a stack trace.
export default function ConsoleError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorState message="This page could not be loaded. Syllable may be slow or unreachable right now." onRetry={reset} />;
}
