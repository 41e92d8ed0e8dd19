"use client";

import Link from "next/link";
import { ErrorState } from "@/components/ui/states";

export default function CampaignError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="space-y-3">
      <h1 className="text-xl font-semibold">Campaign</h1>
      <ErrorState message="The campaign could not be loaded. Syllable may be slow or unavailable." onRetry={reset} />
      <Link href="/campaigns" className="text-sm text-indigo-700 hover:underline">
        Back to campaigns
      </Link>
    </div>
  );
}
