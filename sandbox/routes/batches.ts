// /api/v1/outbound/batches/*: batches, CSV upload, requests and results.
import { Hono } from "hono";
import Papa from "papaparse";
import { randomBytes } from "node:crypto";
import type { SandboxDeps } from "../context";
import { SANDBOX_USER } from "../db";
import { getBatchRow, refreshStatus, serializeBatch, statusCounts, type BatchRow } from "../batch-store";
import { insertRequests, resultFor, resultsStream, type NewRequest } from "../requests";
import {
  BATCH_PROPERTIES,
  BATCH_STATUSES,
  parseEnumParam,
  HttpError,
  batchInputSchema,
  batchUpdateSchema,
  communicationRequestSchema,
  fail,
  parseBody,
  readJson,
  referenceIdsSchema,
  valueError,
} from "../validation";
import { inDateRange, listResponse, parseListParams } from "./list-params";

const BATCH_REQUIRED = ["batch_id", "campaign_id", "last_updated_by"] as const;

function matches(batch: Record<string, unknown>, field: string, value: string): boolean {
  const v = batch[field];
  if (field === "campaign_id" || field === "status") return String(v) === value || String(v).toLowerCase() === value.toLowerCase();
  return typeof v === "string" && v.toLowerCase().includes(value.toLowerCase());
}

/** Parses an uploaded CSV into requests, or throws a 422 describing the first problem. */
function parseCsv(text: string, existing: (ref: string) => boolean): NewRequest[] {
  const loc = ["body", "file"];
  const content = text.replace(/^\uFEFF/, "");
  if (content.trim() === "") valueError(loc, "CSV file is empty");
  const parsed = Papa.parse<Record<string, string>>(content, { header: true, skipEmptyLines: "greedy", transformHeader: (h) => h.trim() });
  const firstError = parsed.errors[0];
  if (firstError) valueError(loc, `Malformed CSV at row ${(firstError.row ?? 0) + 2}: ${firstError.message}`);
  const columns = parsed.meta.fields ?? [];
  const missing = ["reference_id", "target"].filter((c) => !columns.includes(c));
  if (missing.length > 0) valueError(loc, `CSV is missing required column(s): ${missing.join(", ")}`);
  if (parsed.data.length === 0) valueError(loc, "CSV file has a header but no rows");
  const seen = new Set<string>();
  return parsed.data.map((row, i) => {
    const reference_id = (row.reference_id ?? "").trim();
    if (reference_id === "") valueError(loc, `row ${i + 2}: reference_id is empty`);
    if (seen.has(reference_id)) valueError(loc, `row ${i + 2}: reference_id '${reference_id}' is repeated in the file`);
    if (existing(reference_id)) valueError(loc, `row ${i + 2}: reference_id '${reference_id}' already exists in the batch`);
    seen.add(reference_id);
    const request_variables: Record<string, string> = {};
    for (const col of columns) if (col !== "reference_id" && col !== "target" && col !== "") request_variables[col] = row[col] ?? "";
    return { reference_id, target: row.target ?? "", request_variables };
  });
}

export function batchRoutes({ db, clock, faults }: SandboxDeps): Hono {
  const app = new Hono();

  const mustGet = (batchId: string): BatchRow => {
    const row = getBatchRow(db, batchId);
    if (!row) throw new HttpError(404, "Batch not found");
    return row;
  };
  const touch = (batchId: string) => {
    db.prepare("UPDATE batches SET last_updated_at = ?, last_updated_by = ? WHERE batch_id = ?").run(clock.nowIso(), SANDBOX_USER, batchId);
    return refreshStatus(db, batchId, clock.now()) as BatchRow;
  };
  const refExists = db.prepare("SELECT 1 FROM requests WHERE batch_id = ? AND reference_id = ?");

  app.get("/", (c) => {
    const params = parseListParams(c, BATCH_PROPERTIES);
    // Searching by status only makes sense with a real BatchStatus; a typo should not look like "no results".
    params.search.forEach((s, i) => {
      if (s.field === "status") parseEnumParam(s.value.toUpperCase(), BATCH_STATUSES, ["query", "search_field_values", i]);
    });
    const rows = db.prepare("SELECT * FROM batches WHERE deleted_at IS NULL").all() as BatchRow[];
    const items = rows.map(serializeBatch).filter((b) => inDateRange(b.created_at, params) && params.search.every((s) => matches(b, s.field, s.value)));
    return c.json(listResponse(items, params, { required: BATCH_REQUIRED, defaultKey: "created_at", defaultDir: "desc", tieKey: "batch_id" }));
  });

  app.post("/", async (c) => {
    const input = parseBody(batchInputSchema, await readJson(c.req.raw));
    if (input.batch_id.trim() === "") valueError(["body", "batch_id"], "batch_id must not be empty");
    if (!db.prepare("SELECT 1 FROM campaigns WHERE id = ?").get(input.campaign_id)) {
      valueError(["body", "campaign_id"], `Campaign ${input.campaign_id} not found`);
    }
    if (input.auto_call_rate && !input.expires_on) {
      valueError(["body", "auto_call_rate"], "auto_call_rate requires expires_on");
    }
    if (db.prepare("SELECT 1 FROM batches WHERE batch_id = ?").get(input.batch_id)) {
      throw new HttpError(409, `Batch with batch_id '${input.batch_id}' already exists`);
    }
    const now = clock.nowIso();
    const seq = ((db.prepare("SELECT MAX(seq) AS m FROM batches").get() as { m: number | null }).m ?? 0) + 1;
    db.prepare(
      `INSERT INTO batches (batch_id, seq, campaign_id, expires_on, paused, call_rate, auto_call_rate, dispatch_id, created_at, last_updated_at, last_updated_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      input.batch_id,
      seq,
      input.campaign_id,
      input.expires_on ?? null,
      input.paused ? 1 : 0,
      input.call_rate ?? null,
      input.auto_call_rate ? 1 : 0,
      randomBytes(16).toString("hex"),
      now,
      now,
      SANDBOX_USER,
    );
    return c.json(serializeBatch(refreshStatus(db, input.batch_id, clock.now()) as BatchRow));
  });

  app.get("/:batch_id", (c) => {
    const row = mustGet(c.req.param("batch_id"));
    return c.json({ ...serializeBatch(row), ...statusCounts(db, row.batch_id) });
  });

  app.put("/:batch_id", async (c) => {
    const batchId = c.req.param("batch_id");
    const raw = await readJson(c.req.raw);
    const input = parseBody(batchUpdateSchema, raw);
    const before = mustGet(batchId);
    const present = (k: string) => typeof raw === "object" && raw !== null && k in raw;
    // Auto pacing needs an expiry: the one sent now, or the stored one when none is sent.
    const expiresAfter = present("expires_on") ? (input.expires_on ?? null) : before.expires_on;
    const autoAfter = present("auto_call_rate") && input.auto_call_rate !== null ? input.auto_call_rate : before.auto_call_rate === 1;
    if (autoAfter && !expiresAfter) valueError(["body", "auto_call_rate"], "auto_call_rate requires expires_on");
    // Partial update: an absent key leaves the value, a null clears it.
    if (present("paused")) db.prepare("UPDATE batches SET paused = ? WHERE batch_id = ?").run(input.paused ? 1 : 0, batchId);
    if (present("expires_on")) db.prepare("UPDATE batches SET expires_on = ? WHERE batch_id = ?").run(input.expires_on ?? null, batchId);
    if (present("call_rate")) db.prepare("UPDATE batches SET call_rate = ? WHERE batch_id = ?").run(input.call_rate ?? null, batchId);
    // null, like an absent key, leaves auto pacing as it is; turning it off clears the baseline.
    if (present("auto_call_rate") && input.auto_call_rate !== null && input.auto_call_rate !== undefined) {
      db.prepare("UPDATE batches SET auto_call_rate = ?, auto_call_rate_baseline = CASE WHEN ? = 1 THEN auto_call_rate_baseline END WHERE batch_id = ?").run(
        input.auto_call_rate ? 1 : 0,
        input.auto_call_rate ? 1 : 0,
        batchId,
      );
    }
    return c.json(serializeBatch(touch(batchId)));
  });

  app.delete("/:batch_id", async (c) => {
    const batchId = c.req.param("batch_id");
    const form = await c.req.parseBody().catch(() => ({}));
    const reason = (form as Record<string, unknown>).delete_reason;
    if (reason === undefined) fail(["body", "delete_reason"], "missing", "Field required");
    if (typeof reason !== "string") fail(["body", "delete_reason"], "string_type", "Input should be a valid string");
    mustGet(batchId);
    const now = clock.nowIso();
    db.prepare("UPDATE batches SET deleted_at = ?, deleted_reason = ?, last_updated_at = ? WHERE batch_id = ?").run(now, reason, now, batchId);
    const row = getBatchRow(db, batchId, true) as BatchRow;
    return c.json(serializeBatch(row));
  });

  app.post("/:batch_id/upload_batch", async (c) => {
    const batchId = c.req.param("batch_id");
    const form = await c.req.parseBody().catch(() => ({}));
    const file = (form as Record<string, unknown>).file;
    if (file === undefined) fail(["body", "file"], "missing", "Field required");
    if (!(file instanceof File)) valueError(["body", "file"], "Expected UploadFile, received: str");
    mustGet(batchId);
    const rows = parseCsv(await file.text(), (ref) => refExists.get(batchId, ref) !== undefined);
    const result = db.transaction(() => {
      const counts = insertRequests(db, batchId, rows, clock.nowIso());
      db.prepare("UPDATE batches SET upload_filename = ? WHERE batch_id = ?").run(file.name || "upload.csv", batchId);
      touch(batchId);
      return counts;
    })();
    return c.json({ batch_id: batchId, upload_filename: file.name || "upload.csv", added: rows.length, ...result });
  });

  app.get("/:batch_id/results", (c) => {
    const row = mustGet(c.req.param("batch_id"));
    const body = resultsStream(db, row.batch_id, {
      reference_id: c.req.query("reference_id"),
      status: c.req.query("status"),
      insights_status: c.req.query("insights_status"),
    });
    return c.body(faults.truncated(body), 200, { "Content-Type": "application/json" });
  });

  app.post("/:batch_id/requests", async (c) => {
    const batchId = c.req.param("batch_id");
    const input = parseBody(communicationRequestSchema, await readJson(c.req.raw));
    mustGet(batchId);
    if (refExists.get(batchId, input.reference_id)) {
      valueError(["body", "reference_id"], `reference_id '${input.reference_id}' already exists in batch '${batchId}'`);
    }
    db.transaction(() => {
      insertRequests(db, batchId, [input], clock.nowIso());
      touch(batchId);
    })();
    return c.json(resultFor(db, batchId, input.reference_id));
  });

  app.post("/:batch_id/remove-requests", async (c) => {
    const batchId = c.req.param("batch_id");
    const ids = parseBody(referenceIdsSchema, await readJson(c.req.raw));
    mustGet(batchId);
    const del = db.prepare("DELETE FROM requests WHERE batch_id = ? AND reference_id = ? AND request_status = 'PENDING' AND attempt_count = 0");
    const removed: string[] = [];
    const not_removed: string[] = [];
    db.transaction(() => {
      for (const id of ids) (del.run(batchId, id).changes > 0 ? removed : not_removed).push(id);
      touch(batchId);
    })();
    return c.json({ removed, not_removed });
  });

  return app;
}
