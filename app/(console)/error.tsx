"use client";

import { RouteError } from "@/components/ui/route-states";

export default function ConsoleError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <RouteError what="This page" reset={reset} />;
}
