// Validates sandbox responses against the shared OpenAPI document (read from disk, never copied).
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import fs from "node:fs";
import path from "node:path";
import type { ValidateFunction } from "ajv";

export const OPENAPI_PATH = path.resolve(import.meta.dirname, "../../../shared/syllable/outbound-openapi.json");

interface OpenApiDoc {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }>>;
}

const doc = JSON.parse(fs.readFileSync(OPENAPI_PATH, "utf8")) as OpenApiDoc & Record<string, unknown>;
const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
addFormats(ajv);
ajv.addFormat("binary", true);
// The whole document is registered so "#/components/schemas/X" refs resolve against it.
ajv.addSchema(doc, "openapi");

const cache = new Map<string, ValidateFunction>();
const escape = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");

/** Operations in the document, as [method, pathTemplate]. */
export function operations(): [string, string][] {
  return Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => [m.toUpperCase(), p] as [string, string]));
}

/**
 * Validates `body` against the documented response of (method, pathTemplate, status). Statuses the
 * document does not list (401/404/409) must be FastAPI-style `{"detail": "..."}`.
 * Returns a list of problems (empty = valid).
 */
export function validateResponse(method: string, pathTemplate: string, status: number, body: unknown): string[] {
  const op = doc.paths[pathTemplate]?.[method.toLowerCase()];
  if (!op) return [`operation ${method} ${pathTemplate} is not in the document`];
  const response = op.responses[String(status)];
  if (!response) {
    if (status >= 400 && typeof body === "object" && body !== null && typeof (body as { detail?: unknown }).detail === "string") return [];
    return [`status ${status} is not documented for ${method} ${pathTemplate} and body is not {"detail": string}`];
  }
  const key = `${pathTemplate}|${method}|${status}`;
  let validate = cache.get(key);
  if (!validate) {
    const ref = `openapi#/paths/${escape(pathTemplate)}/${method.toLowerCase()}/responses/${status}/content/${escape("application/json")}/schema`;
    validate = ajv.compile({ $ref: ref });
    cache.set(key, validate);
  }
  if (validate(body)) return [];
  return (validate.errors ?? []).slice(0, 10).map((e) => `${e.instancePath || "/"} ${e.message ?? ""} ${JSON.stringify(e.params)}`);
}
