import fs from "node:fs/promises";
import path from "node:path";
import { withRole } from "@/lib/server/auth/with-role";
import { ApiError } from "@/lib/server/errors";

// The few files the docs page needs, from the swagger-ui-dist package (no CDN), plus its start-up
// script (a file, not inline, so the CSP needs no exception).
const FILES: Record<string, string> = {
  "swagger-ui-bundle.js": "application/javascript; charset=utf-8",
  "swagger-ui.css": "text/css; charset=utf-8",
};
const INIT = `window.ui = SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#docs", deepLinking: true, validatorUrl: null, tryItOutEnabled: false });\n`;

export const GET = withRole("GET /api/docs/assets/[file]", async ({ params: { file } }) => {
  if (file === "init.js") return new Response(INIT, { headers: { "Content-Type": "application/javascript; charset=utf-8", "Cache-Control": "no-cache" } });
  const type = FILES[file];
  if (!type) throw new ApiError("not_found", "There is no such file.");
  const body = await fs.readFile(path.join(process.cwd(), "node_modules", "swagger-ui-dist", file));
  return new Response(new Uint8Array(body), { headers: { "Content-Type": type, "Cache-Control": "public, max-age=3600" } });
});
