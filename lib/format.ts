/** "2026-04-01 13:00 UTC": every absolute time in the console, in UTC like Syllable's calling windows. */
export function absoluteUtc(iso: string | null | undefined): string {
  if (!iso) return "—";
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  return `${new Date(t).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
