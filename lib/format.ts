/** "2026-04-01 13:00 UTC": every absolute time in the console, in UTC like Syllable's calling windows. */
export function absoluteUtc(iso: string | null | undefined): string {
  if (!iso) return "—";
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  return `${new Date(t).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

// Characters that change the direction of the text around them. In a value from Syllable (a batch
// id, a name) they could make "abc‮txt.exe" read as "abcexe.txt": they are shown, not obeyed.
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** The text with each direction-control character replaced by a visible "[U+202E]". */
export function revealBidiControls(s: string): string {
  return s.replace(BIDI_CONTROLS, (c) => `[U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}]`);
}
