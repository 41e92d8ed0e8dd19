"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { RECOVERY_MS } from "@/lib/queries/query-client";
import { UpstreamText } from "@/components/ui/upstream-text";
import { QueryProblem } from "@/components/ui/query-problem";
import { campaignDetailQueryOptions } from "@/lib/queries/campaigns";
import { hasRole, type Role } from "@/lib/domain/roles";
import type { Campaign } from "@/lib/schemas/syllable";
import { CampaignHoldButtons } from "./campaign-hold";
import { DeleteCampaignButton } from "./delete-campaign-button";
import { absoluteUtc } from "@/lib/format";
import { campaignLabels, formatDays, formatRetries, formatTime } from "./format";
import { lazyBelowFold, lazyView, preloadOn } from "@/components/ui/lazy-view";

// The editors load when "Edit" is pressed: they bring the form library and the schemas.
const ScheduleForm = lazyView(() => import("./schedule-form").then((m) => m.ScheduleForm), "Loading the editor…");
const VoicemailForm = lazyView(() => import("./voicemail-form").then((m) => m.VoicemailForm), "Loading the editor…");
const DetailsForm = lazyView(() => import("./details-form").then((m) => m.DetailsForm), "Loading the editor…");
const VariablesForm = lazyView(() => import("./variables-form").then((m) => m.VariablesForm), "Loading the editor…");
const WebhooksForm = lazyView(() => import("./webhooks-form").then((m) => m.WebhooksForm), "Loading the editor…");
const TargetingForm = lazyView(() => import("./targeting-form").then((m) => m.TargetingForm), "Loading the editor…");
// At the foot of the page: the table library loads after the page.
const CampaignSuppressionLists = lazyBelowFold(
  () => import("@/components/compliance/campaign-lists").then((m) => m.CampaignSuppressionLists),
  "Loading the suppression lists…",
  120,
);
const CampaignBatches = lazyBelowFold(() => import("./campaign-batches").then((m) => m.CampaignBatches), "Loading the campaign's batches…", 200);
import { outcomeLabel } from "@/components/batches/status-colors";

const KNOWN = new Set([
  "id",
  "campaign_name",
  "description",
  "mode",
  "sms_session_ttl",
  "label",
  "labels",
  "campaign_variables",
  "daily_start_time",
  "daily_end_time",
  "source",
  "caller_id",
  "hourly_rate",
  "max_daily_calls",
  "retry_count",
  "retry_interval",
  "active_days",
  "voicemail_detection",
  "allowed_line_types",
  "include_unknown_line_types",
  "target_filters",
  "agent_id",
  "created_at",
  "updated_at",
  "last_updated_by",
  "webhooks",
]);
const VD_KNOWN: Record<string, string> = {
  mode: "Mode",
  voicemail_detection_overall_timeout: "Overall timeout",
  voicemail_detection_pre_speech_timeout: "Pre-speech timeout",
  voicemail_detection_post_speech_timeout: "Post-speech timeout",
  voicemail_detection_speech_threshold: "Speech threshold",
  voicemail_detection_v2_pre_speech_timeout: "v2 pre-speech timeout",
};

function Dl({ rows }: { rows: Array<[string, ReactNode]> }) {
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="font-medium text-slate-600">
            <UpstreamText value={k} />
          </dt>
          <dd className="text-slate-900">{v ?? "—"}</dd>
        </div>
      ))}
    </dl>
  );
}

const show = (v: unknown): ReactNode =>
  v === null || v === undefined || v === "" ? (
    "—"
  ) : typeof v === "object" ? (
    <code className="text-xs">
      <UpstreamText value={JSON.stringify(v)} />
    </code>
  ) : (
    <UpstreamText value={String(v)} />
  );
const seconds = (v: unknown) => (typeof v === "number" ? `${v} s` : show(v));

/** Everything about one campaign, readable, with the edit forms the signed-in role may use. */
export function CampaignDetail({ campaignId, role, serverError }: { campaignId: number; role: Role; serverError?: string }) {
  const q = useQuery(campaignDetailQueryOptions(campaignId));
  // One editor open at a time: each section saves on its own, against the version it opened.
  const [editing, setEditing] = useState<null | "details" | "schedule" | "variables" | "voicemail" | "webhooks" | "targeting">(null);
  if (q.isPending && serverError) {
    return (
      <ErrorState message={`The campaign could not be loaded. ${serverError} Trying again every ${RECOVERY_MS / 1000} s.`} onRetry={() => void q.refetch()} />
    );
  }
  if (q.isPending) return <LoadingState label="Loading campaign…" />;
  if (q.error && !q.data) return <QueryProblem query={q} what="The campaign" />;
  const c: Campaign = q.data.campaign;
  const counts = q.data.batch_counts;
  const change = q.data.console_change;
  const canSchedule = hasRole(role, "manager");
  const isAdmin = hasRole(role, "admin");
  const vd = c.voicemail_detection;
  const done = () => setEditing(null);
  /** The section's Edit button, for the roles that may use it (hidden while that editor is open). */
  const editButton = (section: NonNullable<typeof editing>, label: string, allowed: boolean, view: Parameters<typeof preloadOn>[0]) =>
    allowed && editing !== section ? (
      <Button size="sm" variant="secondary" onClick={() => setEditing(section)} {...preloadOn(view)}>
        {label}
      </Button>
    ) : undefined;
  const unknownTop = Object.keys(c).filter((k) => !KNOWN.has(k));

  return (
    <div className="space-y-4">
      <QueryProblem query={q} what="The campaign" />
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="text-sm text-slate-500">
            <Link href="/campaigns" className="underline">
              Campaigns
            </Link>{" "}
            / #{c.id}
          </p>
          <h1 className="text-xl font-semibold">
            <UpstreamText value={c.campaign_name} />
          </h1>
          <p className="text-xs text-slate-500">
            Updated {absoluteUtc(c.updated_at)}
            {c.last_updated_by ? ` by API user ${c.last_updated_by}` : ""}
          </p>
          {change && (
            <p className="text-xs text-slate-500" data-testid="console-change">
              Last console change: {change.actor_email} ({change.action.replace(/^campaign\./, "")}, {absoluteUtc(change.at)})
            </p>
          )}
        </div>
        <div className="flex flex-wrap gap-2">
          {canSchedule && <CampaignHoldButtons campaignId={c.id} />}
          {isAdmin && <DeleteCampaignButton campaign={c} activeBatches={counts?.active ?? null} />}
        </div>
      </div>

      <Card title="Overview" actions={editButton("details", "Edit details", canSchedule, DetailsForm)}>
        {editing === "details" ? (
          <DetailsForm campaign={c} onDone={done} />
        ) : (
          <Dl
            rows={[
              ["Description", show(c.description)],
              ["Mode", show(c.mode)],
              ["Caller ID", show(c.caller_id)],
              ["Source", show(c.source)],
              [
                "Labels",
                campaignLabels(c).length ? (
                  <span className="flex flex-wrap gap-1">
                    {campaignLabels(c).map((l) => (
                      <Badge key={l} tone="violet">
                        {l}
                      </Badge>
                    ))}
                  </span>
                ) : (
                  "—"
                ),
              ],
              ["SMS session TTL", c.sms_session_ttl != null ? `${c.sms_session_ttl} min` : "—"],
              ["Agent", show(c.agent_id)],
              ["Created", absoluteUtc(c.created_at)],
            ]}
          />
        )}
      </Card>

      <Card title="Schedule & pacing" actions={editButton("schedule", "Edit schedule", canSchedule, ScheduleForm)}>
        {editing === "schedule" ? (
          <ScheduleForm campaign={c} onDone={done} />
        ) : (
          <Dl
            rows={[
              ["Calling window", `${formatTime(c.daily_start_time)}–${formatTime(c.daily_end_time)}`],
              ["Active days", formatDays(c.active_days)],
              ["Hourly rate", c.hourly_rate != null ? `${c.hourly_rate} calls/hour` : "—"],
              ["Max daily calls", c.max_daily_calls != null ? String(c.max_daily_calls) : "No cap"],
              ["Retries", formatRetries(c)],
            ]}
          />
        )}
      </Card>

      <Card title="Voicemail detection" actions={editButton("voicemail", "Edit voicemail detection", isAdmin, VoicemailForm)}>
        {editing === "voicemail" ? (
          <VoicemailForm campaign={c} onDone={done} />
        ) : vd ? (
          <Dl
            rows={[
              [
                "Status",
                <Badge key="s" tone="green">
                  On
                </Badge>,
              ],
              ["Mode", show(vd.mode ?? "v1 (default)")],
              ["Overall timeout", seconds(vd.voicemail_detection_overall_timeout)],
              ["Pre-speech timeout", seconds(vd.voicemail_detection_pre_speech_timeout)],
              ["Post-speech timeout", seconds(vd.voicemail_detection_post_speech_timeout)],
              ["Speech threshold", seconds(vd.voicemail_detection_speech_threshold)],
              ...(vd.mode === "v2" || vd.voicemail_detection_v2_pre_speech_timeout != null
                ? [["v2 pre-speech timeout", seconds(vd.voicemail_detection_v2_pre_speech_timeout)] as [string, ReactNode]]
                : []),
              ...Object.entries(vd)
                .filter(([k]) => !(k in VD_KNOWN))
                .map(([k, v]): [string, ReactNode] => [`Other: ${k}`, show(v)]),
            ]}
          />
        ) : (
          <Dl rows={[["Status", <Badge key="s">Off</Badge>]]} />
        )}
      </Card>

      <Card title="Campaign variables" actions={editButton("variables", "Edit variables", canSchedule, VariablesForm)}>
        {editing === "variables" ? (
          <VariablesForm campaign={c} onDone={done} />
        ) : Object.keys(c.campaign_variables ?? {}).length ? (
          <Dl rows={Object.entries(c.campaign_variables ?? {}).map(([k, v]): [string, ReactNode] => [k, show(v)])} />
        ) : (
          <p className="text-sm text-slate-500">No variables.</p>
        )}
      </Card>

      <Card title="Webhooks" actions={editButton("webhooks", "Edit webhooks", isAdmin, WebhooksForm)}>
        {editing === "webhooks" ? (
          <WebhooksForm campaign={c} onDone={done} />
        ) : (c.webhooks ?? []).length === 0 ? (
          <p className="text-sm text-slate-500">No webhooks.</p>
        ) : (
          <ul className="space-y-3 text-sm">
            {(c.webhooks ?? []).map((w) => (
              <li key={w.id} className="rounded-md border border-slate-200 p-3">
                <p>
                  <Badge tone="blue">{w.request_method}</Badge> <span className="break-all font-mono text-xs">{w.url}</span>
                </p>
                <p className="mt-1 text-slate-600">Triggers: {w.trigger_statuses.map(outcomeLabel).join(", ") || "—"}</p>
                <p className="text-slate-600">
                  Secrets set:{" "}
                  {(w.auth_value_keys ?? []).length
                    ? (w.auth_value_keys ?? []).map((k) => (
                        <Badge key={k} tone="amber" className="mr-1">
                          {k}
                        </Badge>
                      ))
                    : "none"}
                  <span className="sr-only"> (values are never shown)</span>
                </p>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card title="Targeting" actions={editButton("targeting", "Edit targeting", isAdmin, TargetingForm)}>
        {editing === "targeting" ? (
          <TargetingForm campaign={c} onDone={done} />
        ) : (
          <Dl
            rows={[
              ["Allowed line types", (c.allowed_line_types ?? []).length ? (c.allowed_line_types ?? []).join(", ") : "All line types"],
              ["Unknown line types", c.include_unknown_line_types === false ? "Not dialed" : "Dialed"],
              [
                "Target filters",
                c.target_filters ? (
                  <div className="space-y-1">
                    <p>
                      Match {c.target_filters.match ?? "all"} of these rules; unresolved numbers: {c.target_filters.on_unknown ?? "include"}
                    </p>
                    <ul className="list-disc pl-5">
                      {(c.target_filters.rules ?? []).map((r, i) => (
                        <li key={i}>
                          {r.field} {r.op} {(r.values ?? []).join(", ")}
                        </li>
                      ))}
                    </ul>
                  </div>
                ) : (
                  "None"
                ),
              ],
            ]}
          />
        )}
      </Card>

      {unknownTop.length > 0 && (
        <Card title="Other fields">
          <Dl rows={unknownTop.map((k): [string, ReactNode] => [k, show((c as Record<string, unknown>)[k])])} />
        </Card>
      )}

      <Card title="Suppression lists">
        <CampaignSuppressionLists campaignId={c.id} canWrite={canSchedule} />
      </Card>

      <Card title={counts ? `Batches (${counts.active} active of ${counts.total})` : "Batches"}>
        <CampaignBatches campaignId={c.id} />
      </Card>
    </div>
  );
}
