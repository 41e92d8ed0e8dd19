import type { Role } from "@/lib/schemas/roles";

/**
 * Who a request acts for; `via: "token"` when an API token (not a browser session) says so.
 * `credential` names the session or token (by hash) so a long-lived answer, an event stream,
 * can check later that it was not revoked meanwhile (see still-signed-in.ts).
 */
export type SessionUser = { id: number; email: string; role: Role; via?: "session" | "token"; credential?: { kind: "session" | "token"; hash: string } };
