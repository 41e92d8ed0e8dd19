/** Where the console goes after sign-in when no (acceptable) target was given. */
export const HOME_PATH = "/";

// Control characters, backslashes and whitespace never belong in a path the console links to;
// browsers strip or reinterpret them (`/\evil.example`, `/%09/evil.example` → another host).
const UNSAFE = /[\u0000-\u0020\u007f-\u009f\\]/;

/**
 * Accepts only a same-origin relative path ("/batches?x=1") as a post-sign-in target, checked
 * as typed and once more decoded (encoded variants); anything else is the home page.
 */
export function safeNextPath(next: unknown): string {
  if (typeof next !== "string" || next.length === 0 || next.length > 2048) return HOME_PATH;
  let decoded: string;
  try {
    decoded = decodeURIComponent(next);
  } catch {
    return HOME_PATH;
  }
  for (const candidate of [next, decoded]) {
    if (!candidate.startsWith("/") || candidate.startsWith("//") || UNSAFE.test(candidate)) return HOME_PATH;
  }
  // Last word to the URL parser: it must stay on the console's own origin.
  const base = "http://console.invalid";
  try {
    const url = new URL(next, base);
    if (url.origin !== base) return HOME_PATH;
    // Dot segments are resolved by now ("/.//x", "/a/..//x", "/%2e//x" all become "//x"): what
    // is left must still start with exactly one "/", or a browser reads it as another host.
    const path = url.pathname + url.search + url.hash;
    if (path.startsWith("//") || UNSAFE.test(path)) return HOME_PATH;
    return path;
  } catch {
    return HOME_PATH;
  }
}
