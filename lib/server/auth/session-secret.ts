import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getConfig } from "@/lib/server/env";

let secret: string | undefined;

/** SESSION_SECRET, or a random one generated once and kept in DATA_DIR so sessions survive restarts. */
export function getSessionSecret(): string {
  if (secret) return secret;
  const { sessionSecret, dataDir } = getConfig();
  if (sessionSecret) return (secret = sessionSecret);
  const file = path.join(dataDir, "session-secret");
  try {
    secret = fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(dataDir, { recursive: true });
    const fresh = crypto.randomBytes(32).toString("base64url");
    try {
      // "wx": if another process won the race, read theirs instead of overwriting it.
      fs.writeFileSync(file, fresh, { mode: 0o600, flag: "wx" });
      secret = fresh;
    } catch {
      secret = fs.readFileSync(file, "utf8").trim();
    }
  }
  return secret;
}
