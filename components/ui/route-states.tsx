"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { startTransition } from "react";
import { EmptyState, ErrorState } from "./states";

/**
 * What a route's error.tsx shows. Never the thrown message: in production Next replaces server
 * errors with a generic text meant for developers, not for the person at the console.
 */
export function RouteError({ what, reset }: { what: string; reset: () => void }) {
  const router = useRouter();
  // reset() alone re-renders the cached failure; refresh() asks the server to render the page again.
  const retry = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });
  return <ErrorState message={`${what} could not be loaded. Syllable may be slow or unreachable right now.`} onRetry={retry} />;
}

/** What a route's not-found.tsx shows: what is missing and the way back. */
export function RouteNotFound({ title, backHref, backLabel }: { title: string; backHref: string; backLabel: string }) {
  return (
    <EmptyState title={title}>
      It may have been deleted, or the link is wrong.{" "}
      <Link href={backHref} className="text-indigo-700 underline">
        {backLabel}
      </Link>
    </EmptyState>
  );
}
