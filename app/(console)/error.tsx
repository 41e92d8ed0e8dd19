"use client";

import { usePathname } from "next/navigation";
import { RouteError } from "@/components/ui/route-states";

/** What failed, named from the address: one boundary for every console page (one small script, not one per route). */
function whatFailed(pathname: string): string {
  if (/^\/batches\/[^/]+/.test(pathname)) return "The batch";
  if (pathname.startsWith("/batches")) return "The batches";
  if (/^\/campaigns\/[^/]+/.test(pathname)) return "The campaign";
  if (pathname.startsWith("/campaigns")) return "The campaigns";
  return "This page";
}

export default function ConsoleError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <RouteError what={whatFailed(usePathname() ?? "")} reset={reset} />;
}
