import { Badge } from "@/components/ui/badge";
import { batchStatusTone, statusColor } from "./status-colors";

export function BatchStatusBadge({ status }: { status: string | null | undefined }) {
  return <Badge tone={batchStatusTone(status)}>{status ?? "UNKNOWN"}</Badge>;
}

/** "On hold" when paused: the hold switch is independent of the status. */
export function HoldBadge({ paused }: { paused: boolean | null | undefined }) {
  if (!paused) return null;
  return (
    <Badge tone="amber" title="No outreach while on hold">
      On hold
    </Badge>
  );
}

/** A request status with its palette colour dot. */
export function RequestStatus({ status }: { status: string | null | undefined }) {
  if (!status) return <span className="text-slate-400">—</span>;
  return (
    <span className="inline-flex items-center gap-1.5 whitespace-nowrap">
      <span aria-hidden="true" className="h-2 w-2 rounded-full" style={{ backgroundColor: statusColor(status) }} />
      {status}
    </span>
  );
}
