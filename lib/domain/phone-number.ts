// A phone number as people write it, read as E.164 (libphonenumber-js): "(212) 555-0100" with
// the default country US, "+1 212-555-0100" and "12125550100" are all +12125550100.
import { isSupportedCountry, parsePhoneNumberFromString } from "libphonenumber-js/min";
import { E164 } from "@/lib/schemas/phone";

export type ReadNumber = { number: string } | { error: string };

/** `raw` as E.164, or why it is not a number that can be called. */
export function readPhoneNumber(raw: string, country: string | null): ReadNumber {
  const t = raw.trim();
  if (!t) return { error: "No number" };
  // Already E.164: the common case of an upload, kept as it is (a million rows are checked).
  if (E164.test(t)) return { number: t };
  const defaultCountry = country && isSupportedCountry(country) ? country : undefined;
  const parsed = parsePhoneNumberFromString(t, defaultCountry);
  if (!parsed) return { error: /\d/.test(t) ? "Not a phone number" : "Not a phone number: no digits" };
  if (!parsed.isValid()) return { error: parsed.country || defaultCountry ? `Not a valid ${parsed.country ?? defaultCountry} number` : "Not a valid number" };
  return { number: parsed.number };
}
