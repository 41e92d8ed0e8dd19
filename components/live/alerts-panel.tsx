"use client";

import Link from "next/link";
import { toast } from "@/components/ui/toast";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/time";
import { UpstreamText } from "@/components/ui/upstream-text";
import { ALERT_TITLES, type AlertKind } from "@/lib/domain/alert-rules";
import { useAckAlert } from "@/lib/queries/alerts";
import type { AlertView } from "@/lib/schemas/live";

export const ALERT_TONES: Record<string, "red" | "amber" | "green"> = {
  stalled: "red",
  unreachable: "red",
  failure_spike: "red",
  will_not_finish: "amber",
  finished: "green",
};

/** Open alerts, newest first; anyone watching acknowledges them ("someone is on it"), which is audited. */
export function AlertsPanel({ alerts, canAck, showBatch = true }: { alerts: AlertView[]; canAck: boolean; showBatch?: boolean }) {
  const ack = useAckAlert();
  if (alerts.length === 0) return null;
  return (
    <section aria-labelledby="alerts-heading" className="rounded-lg border border-amber-200 bg-white">
      <h2 id="alerts-heading" className="border-b border-amber-100 px-3 py-2 text-sm font-semibold">
        Alerts ({alerts.length})
      </h2>
      <ul className="divide-y divide-slate-100" aria-label="Open alerts">
        {alerts.map((a) => {
          const t = { title: ALERT_TITLES[a.kind as AlertKind] ?? a.kind, tone: ALERT_TONES[a.kind] ?? ("amber" as const) };
          return (
            <li key={a.id} className="flex flex-wrap items-start gap-3 px-3 py-2 text-sm" data-testid="alert">
              <Badge tone={t.tone}>{t.title}</Badge>
              <div className="min-w-0 flex-1">
                {showBatch ? (
                  <Link href={`/batches/${encodeURIComponent(a.batch_id)}`} className="font-medium text-indigo-700 hover:underline">
                    <UpstreamText value={a.batch_id} compact />
                  </Link>
                ) : null}
                <p className="text-slate-700">{a.message}</p>
                <p className="text-xs text-slate-500">
                  opened <RelativeTime iso={a.opened_at} past />
                  {a.acked_by ? (
                    <>
                      {" "}
                      · acknowledged by {a.acked_by} <RelativeTime iso={a.acked_at} past />
                    </>
                  ) : null}
                </p>
              </div>
              {canAck && !a.acked_by ? (
                <Button
                  size="sm"
                  variant="secondary"
                  busy={ack.isPending && ack.variables === a.id}
                  onClick={() =>
                    ack.mutateAsync(a.id).then(
                      () => toast.success("Alert acknowledged."),
                      (err: Error) => toast.error(err.message),
                    )
                  }
                >
                  Acknowledge
                </Button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
