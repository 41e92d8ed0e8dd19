// The webhooks part of the safe campaign write (pure; unit-tested in webhook-merge.test.ts).
//
// Syllable's PUT replaces the webhook list: one left out is deleted, and in a webhook's
// auth_values a key sent as null KEEPS the stored secret while a key left out DELETES it.
// Responses never hold secrets (only auth_value_keys), so the console works from those keys:
// "keep" sends the key as null, "replace" sends the new value, "remove" leaves the key out.
import type { WebhookPatch } from "@/lib/schemas/campaigns";
import type { Webhook, WebhookInput } from "@/lib/schemas/syllable";

export const HMAC_KEY = "hmac_secret";

/**
 * A webhook as returned (auth_value_keys) → its input form: every stored secret kept (null), and
 * unknown webhook keys carried over.
 */
export function webhookToInput(webhook: Webhook): WebhookInput {
  const { auth_value_keys, ...rest } = webhook;
  const keys = auth_value_keys ?? [];
  return {
    ...rest,
    id: webhook.id,
    url: webhook.url,
    request_method: webhook.request_method,
    trigger_statuses: [...webhook.trigger_statuses],
    auth_values: keys.length ? Object.fromEntries(keys.map((k) => [k, null])) : null,
  };
}

export type WebhookMerge = {
  /** The complete webhook list for the PUT. */
  input: WebhookInput[];
  /** Whether the edit changes anything (a replaced secret always does: it cannot be compared). */
  changed: boolean;
  /** Field errors, keyed like the request body ("webhooks.1.id"). */
  errors: Record<string, string>;
};

/** The edited list (complete: absent webhooks are removed) laid over the stored one. */
export function mergeWebhooks(current: Webhook[], patch: WebhookPatch[]): WebhookMerge {
  const stored = new Map(current.map((w) => [w.id, w]));
  const errors: Record<string, string> = {};
  let secretReplaced = false;
  const input = patch.map((p, i): WebhookInput => {
    const old = p.id === undefined ? undefined : stored.get(p.id);
    if (p.id !== undefined && !old) errors[`webhooks.${i}.id`] = "This webhook no longer exists: someone else removed it. Reload the campaign.";
    const base: Partial<WebhookInput> = old ? webhookToInput(old) : {};
    const auth: Record<string, string | null> = { ...(base.auth_values ?? {}) };
    const secret = p.hmac_secret ?? { action: "keep" };
    if (secret.action === "remove") delete auth[HMAC_KEY];
    if (secret.action === "replace") {
      auth[HMAC_KEY] = secret.value;
      secretReplaced = true;
    }
    return {
      ...base,
      ...(old ? { id: old.id } : {}),
      url: p.url,
      request_method: p.request_method,
      trigger_statuses: [...p.trigger_statuses],
      auth_values: Object.keys(auth).length ? auth : null,
    };
  });
  const before = current.map(view).sort(byId);
  const after = input.map((w) => expectedView(w)).sort(byId);
  const changed = secretReplaced || JSON.stringify(before) !== JSON.stringify(after);
  return { input, changed, errors };
}

/** What a webhook looks like without secrets: the part a read-back can confirm. */
type View = { id: number | null; url: string; request_method: string; trigger_statuses: string[]; secrets: string[] };

function view(w: Webhook): View {
  return {
    id: w.id,
    url: w.url,
    request_method: w.request_method,
    trigger_statuses: [...w.trigger_statuses].sort(),
    secrets: [...(w.auth_value_keys ?? [])].sort(),
  };
}

/** The view Syllable should answer with after storing `w` (a null secret is kept only if stored, which the merge ensured). */
function expectedView(w: WebhookInput): View {
  return {
    id: w.id ?? null,
    url: w.url,
    request_method: w.request_method,
    trigger_statuses: [...w.trigger_statuses].sort(),
    secrets: Object.keys(w.auth_values ?? {}).sort(),
  };
}

const byId = (a: View, b: View) => (a.id ?? Infinity) - (b.id ?? Infinity);

/**
 * Did the read-back keep the webhooks as sent? Existing webhooks are matched by id; new ones
 * (no id yet) against the webhooks that were not there before, in order.
 */
export function webhooksApplied(before: Webhook[], sent: WebhookInput[], after: Webhook[]): boolean {
  if (sent.length !== after.length) return false;
  const oldIds = new Set(before.map((w) => w.id));
  const got = after.map(view);
  const fresh = got.filter((v) => !oldIds.has(v.id as number));
  let next = 0;
  return sent.every((w) => {
    const want = expectedView(w);
    const found = w.id != null ? got.find((v) => v.id === w.id) : fresh[next++];
    return !!found && JSON.stringify({ ...found, id: want.id }) === JSON.stringify(want);
  });
}

/** One line per webhook for the audit log: method, URL, triggers and whether a secret is set, never its value. */
export function webhookSummary(w: Webhook, secretChanged = false): string {
  const secret = secretChanged ? "secret changed" : (w.auth_value_keys ?? []).includes(HMAC_KEY) ? "secret set" : "no secret";
  return `${w.request_method} ${w.url} on ${w.trigger_statuses.join("/") || "nothing"} (${secret})`;
}
