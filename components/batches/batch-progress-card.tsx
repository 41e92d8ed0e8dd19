import { Card } from "@/components/ui/card";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { BatchDetailResponse } from "@/lib/schemas/batches";
import { absoluteUtc } from "@/lib/format";
import { TurnOnAutoPacingButton } from "./batch-settings-dialog";
import { notDialingMessage } from "./not-dialing-message";
import { duration, relative } from "@/components/ui/time";

const n = (v: number) => v.toLocaleString("en-US");

/** Finished/total, pace, ETA and why nothing moves: the "at a glance" answers. */
const RATE_SOURCE_LABELS = { batch: "batch call rate", campaign: "campaign's hourly rate", auto: "auto-paced to finish by the expiry" } as const;

export function BatchProgressCard({ batch, canWrite }: { batch: BatchDetailResponse; canWrite: boolean }) {
  const p = batch.progress;
  const c = batch.campaign;
  const now = Date.parse(p.computed_at);
  const pct = Math.round(p.fraction * 1000) / 10;
  return (
    <Card title="Progress">
      <div className="space-y-4">
        <div className="space-y-1">
          <div className="flex items-baseline justify-between text-sm">
            <span>
              <strong className="text-lg" data-testid="progress-finished">
                {n(p.finished)}
              </strong>{" "}
              of <span data-testid="progress-total">{n(p.total)}</span> finished
            </span>
            <span className="font-semibold">{pct}%</span>
          </div>
          <ProgressBar value={p.fraction} label="Batch progress" className="h-3" />
          <p className="text-xs text-slate-500">
            {n(p.pending)} pending · {n(p.in_flight)} in progress
          </p>
        </div>

        {p.not_dialing && (
          <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="not-dialing">
            <strong>Not dialing: </strong>
            {notDialingMessage(p.not_dialing)}
          </p>
        )}
        {p.unreached_before_expiry !== null && p.unreached_before_expiry > 0 && !p.not_dialing && (
          <div role="status" className="space-y-2 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900" data-testid="expiry-warning">
            <p>
              At this pace, {n(p.unreached_before_expiry)} contacts will not be reached before the batch expires ({absoluteUtc(batch.expires_on)})
              {p.rate_source === "auto" ? ": even auto pacing stays within 20% of its first rate." : "."}
            </p>
            {canWrite && p.rate_source !== "auto" && <TurnOnAutoPacingButton batchId={batch.batch_id} />}
          </div>
        )}

        <dl className="grid grid-cols-1 gap-3 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-xs text-slate-500">Paced at</dt>
            <dd>
              {p.effective_rate ? `${p.rate_source === "auto" ? "about " : ""}${n(Math.round(p.effective_rate))} calls/hour` : "—"}
              {p.rate_source && <span className="text-slate-500"> ({RATE_SOURCE_LABELS[p.rate_source]})</span>}
              {p.rate_source === "auto" && (
                <span className="block text-xs text-slate-500" data-testid="auto-baseline">
                  {batch.auto_call_rate_baseline != null
                    ? `Auto-paced baseline ${n(Math.round(batch.auto_call_rate_baseline))}/hour; later cycles stay within ±20% of it.`
                    : "Auto-paced: the baseline rate is set on the first dialing cycle."}
                </span>
              )}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">Observed (last hour)</dt>
            <dd data-testid="observed-rate">
              {p.finished + p.in_flight === 0
                ? "None dialed yet"
                : p.observed_rate !== null
                  ? `${n(Math.round(p.observed_rate))} dialed/hour`
                  : "Not enough history yet"}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">Estimated last dial</dt>
            <dd data-testid="eta">
              {p.eta ? (
                <>
                  {relative(p.eta, now)} <span className="text-slate-500">({absoluteUtc(p.eta)})</span>
                  <span className="block text-xs text-slate-500" data-testid="eta-basis">
                    {p.eta_basis === "observed"
                      ? "At the pace observed over the last hour"
                      : "At the configured rate (the observed pace needs an hour of dialing history)"}
                    {p.eta_scheduled && "; counting only the hours the schedule and calling hours release"}
                  </span>
                </>
              ) : p.dialing_left_ms !== null ? (
                `On hold: about ${duration(p.dialing_left_ms)} of dialing once resumed`
              ) : p.pending === 0 ? (
                "Nothing pending"
              ) : (
                "Not within the foreseeable schedule"
              )}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">Calling window</dt>
            <dd>
              {c ? (
                <>
                  {(c.daily_start_time ?? "00:00").slice(0, 5)}–{(c.daily_end_time ?? "23:59").slice(0, 5)} UTC
                  {c.active_days && <span className="text-slate-500"> · {c.active_days.join(", ")}</span>}
                  {c.max_daily_calls ? <span className="text-slate-500"> · max {n(c.max_daily_calls)}/day</span> : null}
                  <span className={p.in_window ? "ml-2 text-emerald-700" : "ml-2 text-slate-500"}>
                    {p.in_window ? "open now" : p.next_window_start ? `opens ${relative(p.next_window_start, now)}` : "closed"}
                  </span>
                </>
              ) : (
                "Unknown (campaign not loaded)"
              )}
            </dd>
          </div>
        </dl>
        <p className="text-xs text-slate-500">
          Times in UTC: Syllable exposes no timezone for calling windows. The ETA assumes the batch alone uses the campaign&apos;s daily limit and ignores
          retries
          {p.rate_source === "auto" ? "; the auto-paced rate is an estimate of what Syllable derives" : ""}.
        </p>
      </div>
    </Card>
  );
}
