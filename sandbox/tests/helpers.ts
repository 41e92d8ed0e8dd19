// Test helpers: an in-process sandbox on a temp dir and a small request wrapper that also checks
// every answer against the OpenAPI document.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect } from "vitest";
import { createSandbox, type Sandbox, type SandboxOptions } from "../server";
import { validateResponse } from "./openapi-validator";

export const KEY = "sandbox";
export const API = "/api/v1/outbound";

const dirs: string[] = [];
// Seeded databases are ~50 MB. Registered at import, so (hooks run as a stack) this runs after
// the importing file's own afterAll has closed its sandboxes.
afterAll(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-test-"));
  dirs.push(dir);
  return dir;
}

export async function makeSandbox(opts: Partial<SandboxOptions> = {}): Promise<Sandbox> {
  return createSandbox({ dataDir: tempDir(), speed: 0, seed: false, ...opts });
}

export interface Call {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  headers: Headers;
}

/**
 * Calls the app in-process. `template` is the OpenAPI path template used for schema checks
 * (pass null for control endpoints). JSON bodies are sent as JSON unless `raw` is given.
 */
export async function call(
  sb: Sandbox,
  method: string,
  url: string,
  opts: { json?: unknown; raw?: BodyInit; headers?: Record<string, string>; key?: string | null; template?: string | null } = {},
): Promise<Call> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.key !== null) headers["Syllable-API-Key"] = opts.key ?? KEY;
  let body: BodyInit | undefined = opts.raw;
  if (opts.json !== undefined) {
    body = JSON.stringify(opts.json);
    headers["Content-Type"] = "application/json";
  }
  const res = await sb.app.request(url, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  const template = opts.template === undefined ? templateFor(url) : opts.template;
  if (template) {
    const problems = validateResponse(method, template, res.status, parsed);
    expect(problems, `${method} ${url} → ${res.status} ${text.slice(0, 300)}`).toEqual([]);
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

/** Maps a concrete /api/v1 URL to its OpenAPI path template. */
export function templateFor(url: string): string | null {
  const p = url.split("?")[0] ?? "";
  if (!p.startsWith(API)) return null;
  const rest = p.slice(API.length);
  const rules: [RegExp, string][] = [
    [/^\/batches$/, "/batches"],
    [/^\/batches\/[^/]+\/upload_batch$/, "/batches/{batch_id}/upload_batch"],
    [/^\/batches\/[^/]+\/results$/, "/batches/{batch_id}/results"],
    [/^\/batches\/[^/]+\/requests$/, "/batches/{batch_id}/requests"],
    [/^\/batches\/[^/]+\/remove-requests$/, "/batches/{batch_id}/remove-requests"],
    [/^\/batches\/[^/]+$/, "/batches/{batch_id}"],
    [/^\/campaigns$/, "/campaigns"],
    [/^\/campaigns\/[^/]+$/, "/campaigns/{campaign_id}"],
  ];
  for (const [re, t] of rules) if (re.test(rest)) return `${API}${t}`;
  return null;
}

export function campaignBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    campaign_name: "Test campaign",
    mode: "voice",
    campaign_variables: { a: "b" },
    caller_id: "+15125550000",
    daily_start_time: "00:00",
    daily_end_time: "23:59:59",
    hourly_rate: 60,
    active_days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
    ...overrides,
  };
}

export async function createCampaign(sb: Sandbox, overrides: Record<string, unknown> = {}): Promise<number> {
  const res = await call(sb, "POST", `${API}/campaigns`, { json: campaignBody(overrides) });
  expect(res.status).toBe(200);
  return res.body.id as number;
}

export async function createBatch(sb: Sandbox, batch: Record<string, unknown>): Promise<Call> {
  const res = await call(sb, "POST", `${API}/batches`, { json: batch });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res;
}

export function csvForm(csv: string, filename = "list.csv"): FormData {
  const form = new FormData();
  form.append("file", new File([csv], filename, { type: "text/csv" }));
  return form;
}

/** n rows of unique valid targets. */
export function csvRows(n: number, start = 0, extra = ""): string {
  const lines = ["reference_id,target,first_name" + (extra ? `,${extra}` : "")];
  for (let i = start; i < start + n; i++) lines.push(`r${i},+1512555${String(1000 + i).padStart(4, "0")},Name${i}${extra ? ",x" : ""}`);
  return lines.join("\n");
}
