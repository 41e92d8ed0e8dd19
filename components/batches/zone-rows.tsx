"use client";

// The upload preview's lines about where the recipients are: how many in each time zone group
// (the first 10,000 rows, looked up by the server), the calling hours there, and a warning where
// the campaign's one UTC window reaches outside them (those calls wait for the zone's morning).
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/queries/api-fetch";
import { MAX_ZONE_NUMBERS, type ZoneBreakdown } from "@/lib/schemas/schedule";

const n = (v: number) => v.toLocaleString("en-US");

export function useZoneBreakdown(campaignId: number, rows: Array<Record<string, string>>) {
  const numbers = rows.slice(0, MAX_ZONE_NUMBERS).map((r) => (r.target ?? "").trim());
  return useQuery({
    queryKey: ["calling-hours", "zones", campaignId, numbers],
    queryFn: ({ signal }) => apiFetch<ZoneBreakdown>("/api/calling-hours/zones", { method: "POST", json: { numbers, campaign_id: campaignId }, signal }),
    enabled: numbers.length > 0,
    staleTime: 60_000,
  });
}

export function ZoneLines({ zones, rowCount }: { zones: ReturnType<typeof useZoneBreakdown>; rowCount: number }) {
  if (zones.isPending) return <li className="text-slate-500">Finding the recipients&apos; time zones…</li>;
  if (zones.isError) return <li className="text-amber-800">The recipients&apos; time zones could not be looked up now.</li>;
  const { groups, campaign_window, calling_hours_on } = zones.data;
  const more = rowCount > MAX_ZONE_NUMBERS ? ` (first ${n(MAX_ZONE_NUMBERS)} rows)` : "";
  return (
    <>
      <li className="text-slate-700" data-testid="preview-zones">
        Recipients by time zone{more}:{" "}
        {groups
          .slice(0, 6)
          .map((g) => `${g.time_zones.join(" & ")} ${n(g.count)}${calling_hours_on ? ` (calls ${g.hours} local)` : ""}`)
          .join(" · ")}
        {groups.length > 6 ? ` and ${groups.length - 6} more zones` : ""}.{!calling_hours_on && " Calling hours are off: the campaign's window alone decides."}
      </li>
      {groups
        .filter((g) => g.warning)
        .map((g) => (
          <li key={g.key} className="text-amber-800" data-testid="zone-warning">
            {n(g.count)} recipient{g.count === 1 ? "" : "s"} in {g.time_zones.join(" & ")}: {g.warning}
            {campaign_window ? "." : ""}
          </li>
        ))}
    </>
  );
}
