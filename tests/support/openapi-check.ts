// Checks an answer of the console's API against its own OpenAPI document (GET /api/openapi.json):
// the integration tests run every response they receive through it (tests/support/route-harness).
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import type { ValidateFunction } from "ajv";
import { openApiDocument } from "@/lib/server/openapi/document";

type Json = Record<string, unknown>;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const doc = openApiDocument() as {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: Json }> }> }>>;
  components: Json;
};
ajv.addSchema({ $id: "console", components: doc.components }, "console");

const templates = Object.keys(doc.paths).map((t) => ({ t, re: new RegExp(`^${t.replace(/\{\w+\}/g, "[^/]+").replace(/\./g, "\\.")}$`) }));
const compiled = new Map<string, ValidateFunction | null>();

/** Problems of one answer against the document, [] when it conforms or the document says nothing about it. */
export function openApiProblems(method: string, path: string, status: number, contentType: string, body: string): string[] {
  const pathname = path.split("?")[0]!;
  const template = templates.find((x) => x.re.test(pathname))?.t;
  if (!template) return [];
  const op = doc.paths[template]?.[method.toLowerCase()];
  if (!op) return [`${method} ${template} is not documented`];
  const response = op.responses[String(status)];
  if (!response) return [`${method} ${template} answered ${status}, which the document does not list`];
  if (!contentType.includes("application/json"))
    return response.content?.["application/json"] ? [`${method} ${template} ${status}: expected JSON, got ${contentType}`] : [];
  const key = `${method} ${template} ${status}`;
  if (!compiled.has(key)) {
    const schema = response.content?.["application/json"]?.schema;
    compiled.set(key, schema ? ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"console#/components/'))) : null);
  }
  const validate = compiled.get(key);
  if (!validate) return [];
  if (validate(JSON.parse(body))) return [];
  return (validate.errors ?? []).slice(0, 5).map((e) => `${key}: ${e.instancePath || "(body)"} ${e.message}`);
}
