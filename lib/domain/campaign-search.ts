// "Campaign" in the batch list's search takes an id or a name: Syllable filters batches by
// campaign id only, so a name is resolved to the one campaign it means first.

export type CampaignMatch = { kind: "id"; id: number } | { kind: "none" } | { kind: "many"; candidates: Array<{ id: number; name: string }> };

/**
 * What the text means: digits are an id; otherwise the campaign whose name is the text
 * (ignoring case), or the only one whose name contains it. Several: the candidates, by name.
 */
export function matchCampaign(text: string, campaigns: Iterable<{ id: number; campaign_name: string }>): CampaignMatch {
  const t = text.trim();
  if (/^\d{1,15}$/.test(t)) return { kind: "id", id: Number(t) };
  const needle = t.toLowerCase();
  const all = [...campaigns];
  const exact = all.filter((c) => c.campaign_name.toLowerCase() === needle);
  if (exact.length === 1) return { kind: "id", id: exact[0]!.id };
  const partial = exact.length > 1 ? exact : all.filter((c) => c.campaign_name.toLowerCase().includes(needle));
  if (partial.length === 0) return { kind: "none" };
  if (partial.length === 1) return { kind: "id", id: partial[0]!.id };
  return { kind: "many", candidates: partial.map((c) => ({ id: c.id, name: c.campaign_name })).sort((a, b) => a.name.localeCompare(b.name)) };
}

/** The sentence for several matches: a few names with their ids, and what to do. */
export function manyCampaignsMessage(text: string, candidates: Array<{ id: number; name: string }>): string {
  const shown = candidates.slice(0, 3).map((c) => `${c.name} (${c.id})`);
  const more = candidates.length > 3 ? ` and ${candidates.length - 3} more` : "";
  return `${candidates.length} campaigns match “${text.trim()}”: ${shown.join(", ")}${more}. Type more of the name, or the id.`;
}
