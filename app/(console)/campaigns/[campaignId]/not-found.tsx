import Link from "next/link";
import { EmptyState } from "@/components/ui/states";

export default function CampaignNotFound() {
  return (
    <EmptyState title="Campaign not found">
      It may have been deleted, or the link is wrong.{" "}
      <Link href="/campaigns" className="text-indigo-700 hover:underline">
        Back to campaigns
      </Link>
    </EmptyState>
  );
}
