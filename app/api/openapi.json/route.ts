import { withRole } from "@/lib/server/auth/with-role";
import { openApiDocument } from "@/lib/server/openapi/document";

/** The console's API as OpenAPI 3.1, for scripts and the docs page at /api/docs. */
export const GET = withRole("GET /api/openapi.json", () => Response.json(openApiDocument(), { headers: { "Cache-Control": "no-store" } }));
