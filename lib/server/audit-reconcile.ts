import "server-only";
// What a write's audit intent becomes when the write's own answer never came (a timeout, a crash):
// read the target back from Syllable and decide. "ok"/"failed" only when what was found proves
// it; otherwise "unknown" with what was found, for a person to check.
import { INSTANCE_ID, instanceAlive } from "@/lib/server/instance";
import { isApiError } from "@/lib/server/errors";
import { getStore, type AuditEntry, type AuditOutcome } from "@/lib/server/store";
import { getSyllable, type SyllableClient } from "@/lib/server/syllable";

export type Verdict = { outcome: Exclude<AuditOutcome, "pending">; found: string };

const BATCH_FIELDS = ["paused", "expires_on", "call_rate", "auto_call_rate"] as const;

/** Reads `entry`'s target back and judges whether its write happened. Never throws. */
export async function readBack(entry: Pick<AuditEntry, "action" | "target" | "detail">, client: SyllableClient = getSyllable()): Promise<Verdict> {
  const [kind, ...rest] = entry.target.split(":");
  const id = rest.join(":");
  const d = entry.detail;
  const exists = async (read: () => Promise<unknown>): Promise<boolean> => {
    try {
      await read();
      return true;
    } catch (err) {
      if (isApiError(err) && err.code === "not_found") return false;
      throw err;
    }
  };
  try {
    if (kind === "batch") {
      switch (entry.action) {
        case "batch.create":
          return (await exists(() => client.getBatch(id))) ? { outcome: "ok", found: "The batch exists." } : { outcome: "failed", found: "No such batch." };
        case "batch.delete":
          return (await exists(() => client.getBatch(id)))
            ? { outcome: "failed", found: "The batch still exists." }
            : { outcome: "ok", found: "The batch is gone." };
        case "batch.pause":
        case "batch.resume":
        case "batch.update":
        case "campaign.stop":
        case "campaign.resume": {
          const batch = (await client.getBatch(id)) as Record<string, unknown>;
          const wanted = BATCH_FIELDS.filter((f) => f in d);
          const differs = wanted.filter((f) => !sameValue(batch[f], d[f]));
          const now = wanted.map((f) => `${f}=${JSON.stringify(batch[f] ?? null)}`).join(", ");
          // Matching values prove nothing was lost; different ones may be a later writer's.
          return differs.length === 0 ? { outcome: "ok", found: `The batch has ${now}.` } : { outcome: "unknown", found: `The batch has ${now}.` };
        }
        case "batch.upload": {
          const details = await client.getBatch(id);
          const total = Object.values(details.status_counts ?? {}).reduce((a, b) => a + (b ?? 0), 0);
          const last = typeof d.last_reference_id === "string" ? d.last_reference_id : null;
          if (last && (await client.getBatchResults(id, { reference_id: last })).length > 0) {
            return { outcome: "ok", found: `The file's last row (${last}) is in the batch; ${total} requests in all.` };
          }
          return { outcome: "unknown", found: `The batch has ${total} requests${last ? `; the file's last row (${last}) is not among them yet` : ""}.` };
        }
        case "batch.request.add": {
          const ref = String(d.reference_id ?? "");
          const rows = await client.getBatchResults(id, { reference_id: ref });
          return rows.length > 0
            ? { outcome: "ok", found: `Request ${ref} is in the batch.` }
            : { outcome: "failed", found: `Request ${ref} is not in the batch.` };
        }
        case "batch.request.remove": {
          const refs = Array.isArray(d.reference_ids) ? d.reference_ids.map(String) : [];
          const present = new Set((await client.getBatchResults(id)).map((r) => r.reference_id));
          const left = refs.filter((r) => present.has(r));
          return left.length === 0
            ? { outcome: "ok", found: `None of the ${refs.length} listed requests is left.` }
            : { outcome: "unknown", found: `${left.length} of the listed requests are still there.` };
        }
      }
    }
    if (kind === "campaign" && id !== "new") {
      const cid = Number(id);
      if (entry.action === "campaign.delete") {
        return (await exists(() => client.getCampaign(cid)))
          ? { outcome: "failed", found: "The campaign still exists." }
          : { outcome: "ok", found: "The campaign is gone." };
      }
      if (entry.action === "campaign.update") {
        const c = await client.getCampaign(cid);
        return { outcome: "unknown", found: `The campaign was last updated at ${c.updated_at ?? "an unknown time"}.` };
      }
    }
    return { outcome: "unknown", found: "The console has no way to read this change back." };
  } catch (err) {
    return { outcome: "unknown", found: `Reading it back failed: ${isApiError(err) ? err.message : "unexpected error"}` };
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === "string" && typeof b === "string" && Number.isFinite(Date.parse(a)) && Number.isFinite(Date.parse(b))) {
    return Date.parse(a) === Date.parse(b);
  }
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * Settles every intent left pending by a console that stopped mid-write (stored before
 * `before`, by default this process's start). With several instances, an intent whose writer
 * (`detail.instance`) is this process or still beats elsewhere is left to it. Returns how many
 * it settled.
 */
export async function reconcilePendingAudit(before: string = PROCESS_STARTED): Promise<number> {
  const store = getStore();
  let settled = 0;
  for (const entry of await store.audit.pendingBefore(before)) {
    const writer = typeof entry.detail.instance === "string" ? entry.detail.instance : null;
    if (writer && (writer === INSTANCE_ID || (await instanceAlive(writer)))) continue;
    const { outcome, found } = await readBack(entry);
    if (await store.audit.complete(entry.id, outcome, { reconciled_at: new Date().toISOString(), found, interrupted: true })) settled += 1;
  }
  return settled;
}

const PROCESS_STARTED = new Date().toISOString();

/** How often, with several instances, the survivors look for intents of an instance that died. */
export const SWEEP_MS = 10_000;

/** At start: settles what a console stopped mid-write (crash, SIGKILL, deploy) left pending. */
export async function settleInterruptedWrites(): Promise<void> {
  const n = await reconcilePendingAudit();
  if (n > 0) console.log(`Settled ${n} audit ${n === 1 ? "entry" : "entries"} left pending by an interrupted write.`);
}

/** With several instances, every SWEEP_MS: settles the intents of instances that died since. */
export async function sweepDeadInstances(): Promise<void> {
  const n = await reconcilePendingAudit(new Date(Date.now() - 1_000).toISOString());
  if (n > 0) console.log(`Settled ${n} audit ${n === 1 ? "entry" : "entries"} left pending by an instance that stopped.`);
}
