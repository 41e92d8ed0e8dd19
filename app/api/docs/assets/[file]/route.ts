import fs from "node:fs/promises";
import path from "node:path";
import { ApiError, errorResponse } from "@/lib/server/errors";

// The few files the docs page needs, from the swagger-ui-dist package (no CDN), plus its start-up
// script (a file, not inline, so the CSP needs no exception).
const FILES: Record<string, string> = {
  "swagger-ui-bundle.js": "application/javascript; charset=utf-8",
  "swagger-ui.css": "text/css; charset=utf-8",
};
const INIT = `window.ui = SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#docs", deepLinking: true, validatorUrl: null, tryItOutEnabled: false });\n`;

export async function GET(_req: Request, ctx: { params: Promise<{ file: string }> }) {
  const { file } = await ctx.params;
  if (file === "init.js") return new Response(INIT, { headers: { "Content-Type": "application/javascript; charset=utf-8", "Cache-Control": "no-cache" } });
  const type = FILES[file];
  if (!type) return errorResponse(new ApiError("not_found", "There is no such file."));
  const body = await fs.readFile(path.join(process.cwd(), "node_modules", "swagger-ui-dist", file));
  return new Response(new Uint8Array(body), { headers: { "Content-Type": type, "Cache-Control": "public, max-age=3600" } });
}
