import { openApiDocument } from "@/lib/server/openapi/document";

/** The console's API as OpenAPI 3.1, for scripts and the docs page at /api/docs. */
export function GET() {
  return Response.json(openApiDocument(), { headers: { "Cache-Control": "no-store" } });
}
