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

/** "Auto-paced" (with the baseline rate once Syllable has set it): the batch is paced to finish by its expiry. */
export function AutoPacedBadge({ auto, baseline }: { auto: boolean | null | undefined; baseline: number | null | undefined }) {
  if (!auto) return null;
  const rate = baseline != null ? ` · ${Math.round(baseline).toLocaleString("en-US")}/h` : "";
  return (
    <Badge tone="blue" title="Syllable paces this batch to finish by its expiry; the figure is the baseline rate of its first dialing cycle.">
      Auto-paced{rate}
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
