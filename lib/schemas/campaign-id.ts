/** A campaign id as it appears in a URL: a positive integer (Syllable's ids), at most 9 digits. */
export function campaignIdFrom(raw: string | undefined): number | null {
  if (!raw || !/^\d{1,9}$/.test(raw) || Number(raw) < 1) return null;
  return Number(raw);
}
