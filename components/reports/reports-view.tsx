"use client";

// The Reports page: a date range and time zone (all in the URL, so a view can be shared), the
// headline figures against the period before, outcomes by day or hour, the best hours to reach
// people, and the figures by campaign and by batch, with the CSV of what is shown.
import { useQuery } from "@tanstack/react-query";
import { parseAsString, useQueryStates } from "nuqs";
import { useId, useSyncExternalStore, type ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { describedBy, Field, Input, Select } from "@/components/ui/field";
import { QueryProblem } from "@/components/ui/query-problem";
import { LoadingState } from "@/components/ui/states";
import { ZoneSelect } from "@/components/schedule/zone-select";
import { outcomeReportQueryOptions, reportQueryString, type ReportView } from "@/lib/queries/reports";
import { HourHeatmap } from "./hour-heatmap";
import { KpiCards } from "./kpi-cards";
import { OutcomeBars } from "./outcome-bars";
import { defaultRange, hourRange, previousRange } from "./report-range";
import { ReportTable } from "./report-table";

// `hour`: the hour bar chosen (its key, in tz); the batch table narrows to it.
const parsers = {
  from: parseAsString,
  to: parseAsString,
  tz: parseAsString,
  by: parseAsString,
  campaign_id: parseAsString,
  as: parseAsString,
  hour: parseAsString,
};
const viewerZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
/** The viewer's zone is known only in the browser: until then (the server's render) nothing zone-bound is drawn. */
const useInBrowser = () =>
  useSyncExternalStore(
    () => () => {},
    () => true,
    () => false,
  );

export function ReportsView() {
  const inBrowser = useInBrowser();
  return inBrowser ? <Report /> : <LoadingState label="Loading the report…" />;
}

function Report() {
  const id = useId();
  const [url, setUrl] = useQueryStates(parsers, { history: "push", scroll: false });
  const tz = url.tz ?? viewerZone();
  const range = defaultRange(tz);
  const view: ReportView = { from: url.from ?? range.from, to: url.to ?? range.to, tz, campaign_id: url.campaign_id ?? undefined };
  const by = url.by === "hour" ? "hour" : "day";
  const main = useQuery(outcomeReportQueryOptions(view, by));
  const before = useQuery(outcomeReportQueryOptions({ ...view, ...previousRange(view.from, view.to) }, "campaign"));
  const week = useQuery(outcomeReportQueryOptions(view, "hour_of_week"));
  const campaigns = useQuery(outcomeReportQueryOptions(view, "campaign"));
  const hour = by === "hour" && url.hour ? hourRange(url.hour, tz) : null;
  const batches = useQuery(outcomeReportQueryOptions(hour ? { ...view, ...hour } : view, "batch"));
  const badRange = view.from > view.to;

  return (
    <div className="space-y-4">
      <form className="flex flex-wrap items-end gap-3" aria-label="Report period" onSubmit={(e) => e.preventDefault()}>
        <Field id={`${id}-from`} label="From" error={badRange ? "The start is after the end" : undefined}>
          <Input
            type="date"
            {...describedBy(`${id}-from`, badRange ? "x" : undefined)}
            value={view.from}
            max={view.to}
            onChange={(e) => e.target.value && void setUrl({ from: e.target.value })}
          />
        </Field>
        <Field id={`${id}-to`} label="To">
          <Input
            type="date"
            {...describedBy(`${id}-to`)}
            value={view.to}
            min={view.from}
            onChange={(e) => e.target.value && void setUrl({ to: e.target.value })}
          />
        </Field>
        <Field id={`${id}-tz`} label="Time zone">
          <ZoneSelect id={`${id}-tz`} value={tz} onChange={(z) => void setUrl({ tz: z })} />
        </Field>
        <Field id={`${id}-by`} label="Chart by">
          <Select {...describedBy(`${id}-by`)} value={by} onChange={(e) => void setUrl({ by: e.target.value === "hour" ? "hour" : null })}>
            <option value="day">Day</option>
            <option value="hour">Hour</option>
          </Select>
        </Field>
        {campaigns.data && (
          <Field id={`${id}-campaign`} label="Campaign">
            <Select {...describedBy(`${id}-campaign`)} value={view.campaign_id ?? ""} onChange={(e) => void setUrl({ campaign_id: e.target.value || null })}>
              <option value="">All campaigns</option>
              {campaigns.data.rows.map((c) => (
                <option key={c.key} value={c.key}>
                  {c.label ?? `Campaign ${c.key}`}
                </option>
              ))}
            </Select>
          </Field>
        )}
        <a
          href={`/api/reports/outcomes.csv?${reportQueryString(view, by)}`}
          className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50"
          download
        >
          Export CSV
        </a>
      </form>
      <QueryProblem query={main} what="The report" />
      {!main.data ? (
        !main.isError && <LoadingState label="Loading the report…" />
      ) : (
        <>
          <Updating when={main.isPlaceholderData || before.isPlaceholderData}>
            <KpiCards now={main.data.totals} before={before.data?.totals} />
          </Updating>
          <Card
            title={`Outcomes by ${by} (${tz})`}
            className="min-w-0"
            actions={
              <label className="flex items-center gap-2 text-sm text-slate-700">
                <input type="checkbox" checked={url.as === "shares"} onChange={(e) => void setUrl({ as: e.target.checked ? "shares" : null })} />
                Each {by} as shares
              </label>
            }
          >
            <Updating when={main.isPlaceholderData}>
              <OutcomeBars
                shares={url.as === "shares"}
                rows={main.data.rows}
                label={`Outcomes by ${by}: choose a ${by === "day" ? "day to see its hours" : "bar to see its batches"}`}
                onPick={(key) => void setUrl(by === "day" ? { from: key, to: key, by: "hour", hour: null } : { hour: key })}
              />
            </Updating>
          </Card>
          <div className="grid gap-4 lg:grid-cols-2">
            <Card title="Best time to reach people" className="min-w-0">
              {week.data ? (
                <Updating when={week.isPlaceholderData}>
                  <HourHeatmap report={week.data} />
                </Updating>
              ) : (
                <LoadingState />
              )}
            </Card>
            <Card title="By campaign" className="min-w-0">
              {campaigns.data ? (
                <ReportTable
                  report={campaigns.data}
                  refreshing={campaigns.isPlaceholderData}
                  caption={campaigns.isPlaceholderData ? "Figures by campaign (updating)" : "Figures by campaign"}
                />
              ) : (
                <LoadingState />
              )}
            </Card>
          </div>
          <Card
            title={hour ? `By batch, ${url.hour!.replace("T", " ")}:00 (${tz})` : "By batch"}
            className="min-w-0"
            actions={
              hour && (
                <button type="button" className="text-sm text-indigo-700 hover:underline" onClick={() => void setUrl({ hour: null })}>
                  Show the whole period
                </button>
              )
            }
          >
            {batches.data ? (
              <ReportTable
                report={batches.data}
                refreshing={batches.isPlaceholderData}
                // The caption names what the rows are: while another period's figures stand in, not the new one's.
                caption={
                  batches.isPlaceholderData ? "Figures by batch (updating)" : hour ? `Figures by batch in the hour from ${url.hour}:00` : "Figures by batch"
                }
              />
            ) : (
              <LoadingState />
            )}
          </Card>
        </>
      )}
    </div>
  );
}

/** The figures of the view before, shown (dimmed, busy) while the new view's load: the page never jumps to a spinner. */
function Updating({ when, children }: { when: boolean; children: ReactNode }) {
  return (
    <div aria-busy={when || undefined} className={when ? "opacity-60 transition-opacity" : undefined}>
      {children}
    </div>
  );
}
