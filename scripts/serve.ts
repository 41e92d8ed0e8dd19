// The console's HTTP front: Next.js behind a thin Node server that does what Next cannot do for
// every response. It sets the security headers (with a fresh CSP nonce, which Next reads back
// from the request to stamp its own scripts) on pages, API answers, static files and Next's own
// error pages alike; refuses broken addresses before Next routes them; and records the client's
// address and the requested path in headers that only it may set. Started by scripts/start.ts.
import crypto from "node:crypto";
import http from "node:http";
import path from "node:path";
import next from "next";
import { loadConfig } from "../lib/env/load-config";
import { badPathReason, clientAddressOf } from "../lib/http/request-path";
import { securityHeaders } from "../lib/http/security-headers";

const config = loadConfig(process.env);
const root = path.resolve(import.meta.dirname, "..");

function refuse(req: http.IncomingMessage, res: http.ServerResponse, status: number, code: string, message: string): void {
  res.statusCode = status;
  res.setHeader("Cache-Control", "no-store");
  if ((req.url ?? "").startsWith("/api/")) {
    res.setHeader("Content-Type", "application/json");
    res.end(JSON.stringify({ error: { code, message } }));
  } else {
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    res.end(`<!doctype html><html lang="en"><title>Outbound Console</title><main><h1>That address cannot be opened</h1><p>${message}</p><p><a href="/">Go to the console</a></p></main></html>`);
  }
}

async function main() {
  const app = next({ dev: false, dir: root, port: config.port });
  const handle = app.getRequestHandler();
  await app.prepare();

  const server = http.createServer((req, res) => {
    const nonce = crypto.randomBytes(16).toString("base64");
    const headers = securityHeaders(nonce, { https: config.cookieSecure });
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    // Only this server sets these; whatever a client sent under the same names is replaced.
    req.headers["x-client-ip"] = clientAddressOf(req.socket.remoteAddress, req.headers["x-forwarded-for"], config.trustProxy);
    req.headers["x-console-path"] = req.url ?? "/";
    req.headers["content-security-policy"] = headers["Content-Security-Policy"];
    delete req.headers["content-security-policy-report-only"];

    const reason = badPathReason(req.url ?? "/");
    if (reason) return refuse(req, res, 400, "bad_request", reason);
    handle(req, res).catch((err: unknown) => {
      console.error("Unhandled error serving", req.method, req.url?.slice(0, 200), err);
      if (!res.headersSent) refuse(req, res, 500, "internal", "Something went wrong on our side. Please try again.");
      else res.destroy();
    });
  });
  server.listen(config.port, () => console.log(`Console listening on port ${config.port}`));
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
