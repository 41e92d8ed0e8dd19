import "server-only";
// The upload preview's look at where a file's recipients are: numbers grouped by the time zones
// that decide their calling hours (the key "Split by time zone" makes one batch of), the hours
// that apply there, and a warning where the campaign's one UTC window reaches outside them.
import { hoursFor, windowOutsideHours, zonesOf, type RecipientGroup } from "@/lib/domain/calling-hours";
import type { ZoneBreakdown } from "@/lib/schemas/schedule";
import { campaignIndex } from "@/lib/server/batches/campaign-index";
import { getConfig } from "@/lib/server/env";
import { callingHoursPolicy } from "./policy";
import { placeOf } from "./recipients";

type Group = ZoneBreakdown["groups"][number] & { places: Map<string, RecipientGroup> };

export async function zoneBreakdown(numbers: string[], campaignId: number | null, now = Date.now()): Promise<ZoneBreakdown> {
  const [policy, campaign] = await Promise.all([callingHoursPolicy(), campaignId ? campaignIndex().then((c) => c.get(campaignId) ?? null) : null]);
  const country = getConfig().defaultCountry;
  const byKey = new Map<string, Group>();
  const keyOf: string[] = [];
  for (const raw of numbers) {
    const place = placeOf(raw, country);
    const zones = zonesOf(place, policy);
    const key = zones.join("&");
    let group = byKey.get(key);
    if (!group) byKey.set(key, (group = { key, time_zones: zones, states: [], count: 0, unknown: 0, hours: "", warning: null, places: new Map() }));
    group.count++;
    if (!place.zones.length) group.unknown++;
    const placeKey = place.state ?? "";
    const known = group.places.get(placeKey);
    if (known) known.count++;
    else group.places.set(placeKey, { ...place, zones, count: 1 });
    keyOf.push(key);
  }
  const window = campaign
    ? { daily_start_time: campaign.daily_start_time ?? null, daily_end_time: campaign.daily_end_time ?? null, active_days: campaign.active_days ?? null }
    : null;
  const groups = [...byKey.values()].sort((a, b) => b.count - a.count);
  for (const g of groups) {
    const places = [...g.places.values()];
    g.states = places.flatMap((p) => (p.state ? [p.state] : [])).sort();
    // The zone's own hours, then any state whose rule differs ("08:00-21:00; FL 08:00-20:00").
    const base = hoursFor({ state: null }, g.time_zones[0]!, policy);
    const text = (h: { start: string; end: string }) => `${h.start}-${h.end}`;
    const differing = places.filter((p) => p.state && text(hoursFor(p, g.time_zones[0]!, policy)) !== text(base));
    g.hours = [text(base), ...differing.map((p) => `${p.state} ${text(hoursFor(p, g.time_zones[0]!, policy))}`)].join("; ");
    g.warning = window && policy.enabled ? (places.map((p) => windowOutsideHours(window, p, policy, now)).find((w) => w !== null) ?? null) : null;
  }
  const index = new Map(groups.map((g, i) => [g.key, i]));
  return {
    groups: groups.map((g) => ({
      key: g.key,
      time_zones: g.time_zones,
      states: g.states,
      count: g.count,
      unknown: g.unknown,
      hours: g.hours,
      warning: g.warning,
    })),
    group_of: keyOf.map((k) => index.get(k)!),
    campaign_window:
      window?.daily_start_time && window.daily_end_time ? `${window.daily_start_time.slice(0, 5)}-${window.daily_end_time.slice(0, 5)} UTC` : null,
    calling_hours_on: policy.enabled,
  };
}
