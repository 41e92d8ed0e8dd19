// GET /api/docs: the API reference, rendered in the browser by Swagger UI (served from this
// console, never a CDN) from GET /api/openapi.json. Its scripts carry this response's CSP nonce.
import { withRole } from "@/lib/server/auth/with-role";

/** The nonce the front server put in this request's CSP (scripts/serve.ts). */
function nonceOf(req: Request): string {
  return /'nonce-([A-Za-z0-9+/=]+)'/.exec(req.headers.get("content-security-policy") ?? "")?.[1] ?? "";
}

export const GET = withRole("GET /api/docs", ({ req }) => {
  const nonce = nonceOf(req);
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API reference · Outbound Console</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
</head>
<body>
<main id="docs" aria-label="Outbound Console API reference"></main>
<script nonce="${nonce}" src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script nonce="${nonce}" src="/api/docs/assets/init.js"></script>
</body>
</html>`;
  return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
});
