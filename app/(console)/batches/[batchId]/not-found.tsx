import Link from "next/link";
import { EmptyState } from "@/components/ui/states";

export default function BatchNotFound() {
  return (
    <EmptyState title="Batch not found">
      It may have been deleted, or the link is wrong.{" "}
      <Link href="/batches" className="text-indigo-700 underline">
        Back to batches
      </Link>
    </EmptyState>
  );
}
