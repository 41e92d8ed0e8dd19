// Campaign persistence, including the full-replacement PUT semantics for webhooks and secrets.
import { SANDBOX_USER, type Db } from "./db";
import { fail, type CampaignData, type CampaignInput } from "./validation";

interface CampaignRow {
  id: number;
  data: string;
  created_at: string;
  updated_at: string;
  last_updated_by: string;
}

interface WebhookRow {
  id: number;
  campaign_id: number;
  trigger_statuses: string;
  url: string;
  request_method: string;
  auth_values: string;
}

export interface StoredCampaign extends CampaignData {
  id: number;
}

export function campaignData(db: Db, id: number): StoredCampaign | undefined {
  const row = db.prepare("SELECT id, data FROM campaigns WHERE id = ?").get(id) as { id: number; data: string } | undefined;
  return row ? { ...(JSON.parse(row.data) as CampaignData), id: row.id } : undefined;
}

function serialize(row: CampaignRow, hooks: WebhookRow[]): Record<string, unknown> {
  const data = JSON.parse(row.data) as CampaignData;
  return {
    ...data,
    id: row.id,
    agent_id: null,
    created_at: row.created_at,
    updated_at: row.updated_at,
    last_updated_by: row.last_updated_by,
    webhooks: hooks.map((h) => ({
      id: h.id,
      trigger_statuses: JSON.parse(h.trigger_statuses) as string[],
      url: h.url,
      request_method: h.request_method,
      auth_value_keys: Object.keys(JSON.parse(h.auth_values) as Record<string, string>),
    })),
  };
}

export function getCampaign(db: Db, id: number): Record<string, unknown> | undefined {
  const row = db.prepare("SELECT * FROM campaigns WHERE id = ?").get(id) as CampaignRow | undefined;
  if (!row) return undefined;
  const hooks = db.prepare("SELECT * FROM webhooks WHERE campaign_id = ? ORDER BY id").all(id) as WebhookRow[];
  return serialize(row, hooks);
}

export function listCampaigns(db: Db): Record<string, unknown>[] {
  const rows = db.prepare("SELECT * FROM campaigns ORDER BY id").all() as CampaignRow[];
  const hooks = db.prepare("SELECT * FROM webhooks ORDER BY id").all() as WebhookRow[];
  return rows.map((r) =>
    serialize(
      r,
      hooks.filter((h) => h.campaign_id === r.id),
    ),
  );
}

/** Applies input.webhooks to a campaign: update by id, create without id, delete the rest. */
function applyWebhooks(db: Db, campaignId: number, input: CampaignInput): void {
  const existing = new Map((db.prepare("SELECT * FROM webhooks WHERE campaign_id = ?").all(campaignId) as WebhookRow[]).map((h) => [h.id, h]));
  // Validate every id first so a bad request changes nothing.
  input.webhooks.forEach((w, i) => {
    if (w.id !== null && w.id !== undefined && !existing.has(w.id)) {
      fail(["body", "webhooks", i, "id"], "value_error", `Value error, webhook ${w.id} does not belong to campaign ${campaignId}`);
    }
  });
  const keep = new Set<number>();
  for (const w of input.webhooks) {
    const old = w.id !== null && w.id !== undefined ? existing.get(w.id) : undefined;
    const oldSecrets = old ? (JSON.parse(old.auth_values) as Record<string, string>) : {};
    // null keeps the stored secret, a string replaces it, an omitted key drops it.
    const secrets: Record<string, string> = {};
    for (const [key, value] of Object.entries(w.auth_values ?? {})) {
      if (value === null) {
        const kept = oldSecrets[key];
        if (kept !== undefined) secrets[key] = kept;
      } else secrets[key] = value;
    }
    const args = [JSON.stringify(w.trigger_statuses), w.url, w.request_method, JSON.stringify(secrets)];
    if (old) {
      db.prepare("UPDATE webhooks SET trigger_statuses = ?, url = ?, request_method = ?, auth_values = ? WHERE id = ?").run(...args, old.id);
      keep.add(old.id);
    } else {
      const info = db
        .prepare("INSERT INTO webhooks (campaign_id, trigger_statuses, url, request_method, auth_values) VALUES (?, ?, ?, ?, ?)")
        .run(campaignId, ...args);
      keep.add(Number(info.lastInsertRowid));
    }
  }
  for (const id of existing.keys()) if (!keep.has(id)) db.prepare("DELETE FROM webhooks WHERE id = ?").run(id);
}

function dataOf(input: CampaignInput): CampaignData {
  const data: Partial<CampaignInput> = { ...input };
  delete data.webhooks;
  return data as CampaignData;
}

export function createCampaign(db: Db, input: CampaignInput, nowIso: string): number {
  return db.transaction(() => {
    const info = db
      .prepare("INSERT INTO campaigns (data, created_at, updated_at, last_updated_by) VALUES (?, ?, ?, ?)")
      .run(JSON.stringify(dataOf(input)), nowIso, nowIso, SANDBOX_USER);
    const id = Number(info.lastInsertRowid);
    applyWebhooks(db, id, input);
    return id;
  })();
}

/** Full replacement: every field not sent is back at its default (the parsed input has them). */
export function replaceCampaign(db: Db, id: number, input: CampaignInput, nowIso: string): void {
  db.transaction(() => {
    applyWebhooks(db, id, input);
    // updated_at must change on every PUT, even when simulated time is frozen (speed 0).
    const prev = (db.prepare("SELECT updated_at FROM campaigns WHERE id = ?").get(id) as { updated_at: string }).updated_at;
    if (nowIso <= prev) nowIso = new Date(Date.parse(prev) + 1).toISOString();
    db.prepare("UPDATE campaigns SET data = ?, updated_at = ?, last_updated_by = ? WHERE id = ?").run(JSON.stringify(dataOf(input)), nowIso, SANDBOX_USER, id);
  })();
}

export function deleteCampaign(db: Db, id: number): void {
  db.transaction(() => {
    db.prepare("DELETE FROM webhooks WHERE campaign_id = ?").run(id);
    db.prepare("DELETE FROM campaigns WHERE id = ?").run(id);
  })();
}

/** Stored secrets, for the sandbox-only control endpoint. */
export function webhookSecrets(db: Db, campaignId: number): { webhook_id: number; auth_values: Record<string, string> }[] {
  const hooks = db.prepare("SELECT * FROM webhooks WHERE campaign_id = ? ORDER BY id").all(campaignId) as WebhookRow[];
  return hooks.map((h) => ({ webhook_id: h.id, auth_values: JSON.parse(h.auth_values) as Record<string, string> }));
}
