import { SANDBOX_KEY, SANDBOX_URL } from "./env";

async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${SANDBOX_URL}${path}`, {
    method,
    headers: { "Syllable-API-Key": SANDBOX_KEY, ...(body !== undefined ? { "Content-Type": "application/json" } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`sandbox ${method} ${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Moves the sandbox's simulated clock (the e2e sandbox runs with SANDBOX_SPEED=0) and runs the engine over it. */
export async function advanceSandbox(minutes: number) {
  const out = await control<{ now: string }>("POST", "/__sandbox/advance", { minutes });
  // The live engine serves a batch from memory for one cadence (LIVE_POLL_MS=1000 in e2e): let it pass.
  await new Promise((r) => setTimeout(r, 1100));
  return out;
}

/** Calls the sandbox's Syllable API directly, e.g. to set up or check data behind the console's back. */
export function sandboxApi<T>(method: string, path: string, body?: unknown) {
  return control<T>(method, `/api/v1/outbound${path}`, body);
}

export { control as sandboxControl };

/**
 * A running batch that cannot finish in time: `contacts` requests at 1 call an hour with 2 hours
 * left on the sandbox's clock, so its first read says "won't finish before the expiry". Numbers
 * run from `firstNumber` (E.164 digits) upwards, reference ids are `${refPrefix}${i}`.
 */
export async function createBatchThatCannotFinish(id: string, campaignId: number, opts: { contacts: number; refPrefix: string; firstNumber: number }) {
  const { now } = await control<{ now: string }>("GET", "/__sandbox/clock");
  await sandboxApi("POST", "/batches", {
    batch_id: id,
    campaign_id: campaignId,
    paused: false,
    call_rate: 1,
    expires_on: new Date(Date.parse(now) + 2 * 3_600_000).toISOString(),
  });
  for (let i = 0; i < opts.contacts; i++) {
    await sandboxApi("POST", `/batches/${id}/requests`, { reference_id: `${opts.refPrefix}${i}`, target: `+${opts.firstNumber + i}`, request_variables: {} });
  }
}
