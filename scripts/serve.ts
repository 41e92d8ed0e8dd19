// The console's HTTP front: Next.js behind a thin Node server that does what Next cannot do for
// every response. It sets the security headers (with a fresh CSP nonce, which Next reads back
// from the request to stamp its own scripts) on pages, API answers, static files and Next's own
// error pages alike; refuses broken addresses before Next routes them; and records the client's
// address and the requested path in headers that only it may set. Every request gets an id
// (X-Request-Id: kept from a sane incoming one, else new), returned to the client, sent on to
// Syllable, and on every log line written while serving it; and is counted and timed for
// GET /api/metrics. Started by scripts/start.ts.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import next from "next";
import { loadConfig } from "../lib/server/load-config";
import { fastLane } from "../lib/front-server/fast-lane";
import { beginShutdown } from "../lib/front-server/shutdown";
import { requestIdFrom, runWithRequest } from "../lib/front-server/request-context";
import { logger, routeConsoleToLogger } from "../lib/observability/log";
import { metrics, routeOf } from "../lib/observability/metrics";
import { clientAddressOf } from "../lib/front-server/request-path";
import { refuseRequestLine, validHost } from "../lib/front-server/request-line";
import { securityHeaders } from "../lib/front-server/security-headers";
import { precompressStatic, staticBrotliServer } from "../lib/front-server/static-assets";

const config = loadConfig(process.env);
routeConsoleToLogger();
const root = path.resolve(import.meta.dirname, "..");

function refuse(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  res.statusCode = status;
  res.setHeader("Cache-Control", "no-store");
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  // API paths, and targets that are no page at all (absolute-form, "*"), get the error shape.
  if ((req.url ?? "").startsWith("/api/") || !(req.url ?? "").startsWith("/")) {
    res.setHeader("Content-Type", "application/json");
    res.end(JSON.stringify({ error: { code, message } }));
  } else {
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    res.end(
      `<!doctype html><html lang="en"><title>Outbound Console</title><main><h1>That address cannot be opened</h1><p>${message}</p><p><a href="/">Go to the console</a></p></main></html>`,
    );
  }
}

/**
 * Next answers a method a route does not export with a bare 405 (no body). API clients are
 * promised the error shape on every failure, so such an answer gets one: while the status is a
 * bodiless 405, Next's header flush and (empty) writes are held back and `end` sends the shape.
 */
function answerBareApiErrorsInShape(res: http.ServerResponse): void {
  const bare405 = () => res.statusCode === 405 && !res.getHeader("content-type") && !res.headersSent;
  const flushHeaders = res.flushHeaders.bind(res);
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => http.ServerResponse;
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => http.ServerResponse;
  res.flushHeaders = () => (bare405() ? undefined : flushHeaders());
  res.writeHead = (...args: unknown[]) => {
    if (args[0] === 405 && !res.getHeader("content-type") && !res.headersSent) {
      res.statusCode = 405;
      return res;
    }
    return writeHead(...args);
  };
  res.write = ((...args: unknown[]) => (bare405() ? true : write(...args))) as typeof res.write;
  res.end = ((...args: unknown[]) => {
    if (!bare405()) return end(...args);
    res.setHeader("Content-Type", "application/json");
    res.setHeader("Cache-Control", "no-store");
    res.removeHeader("Transfer-Encoding");
    const allow = res.getHeader("allow");
    const message = `This address does not accept that method${allow ? `; it accepts ${String(allow)}` : ""}.`;
    return end(JSON.stringify({ error: { code: "method_not_allowed", message } }));
  }) as typeof res.end;
}

/** The Node request as a Web Request, for a fast-lane handler (GETs only: no body). */
function webRequest(req: http.IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  // The Host was checked before (refuseRequestLine); a request without one is read as localhost's.
  return new Request(`http://${validHost(req.headers.host) ? req.headers.host : "localhost"}${req.url ?? "/"}`, { method: req.method, headers });
}

async function sendWebResponse(res: http.ServerResponse, answer: Response): Promise<void> {
  res.statusCode = answer.status;
  answer.headers.forEach((value, name) => res.setHeader(name, value));
  res.end(Buffer.from(await answer.arrayBuffer()));
}

/** Counts and times the request, and logs it once it is answered (or the client went away). */
function observe(req: http.IncomingMessage, res: http.ServerResponse, requestId: string): void {
  const started = performance.now();
  const route = routeOf(req.url ?? "/");
  const method = req.method ?? "GET";
  let done = false;
  const finish = (aborted: boolean) => {
    if (done) return;
    done = true;
    const seconds = (performance.now() - started) / 1000;
    const status = aborted && !res.headersSent ? "aborted" : String(res.statusCode);
    const m = metrics();
    m.httpRequests.inc({ route, method, status });
    m.httpDuration.observe({ route, method }, seconds);
    // Static files and the health probes are counted, not logged: they would drown the rest.
    if (route === "static" || route === "/api/health/live") return;
    logger().info(
      {
        req_id: requestId,
        method,
        route,
        path: (req.url ?? "/").split("?", 1)[0]!.slice(0, 200),
        status,
        ms: Math.round(seconds * 1000),
        aborted: aborted || undefined,
      },
      "request",
    );
  };
  res.once("finish", () => finish(false));
  res.once("close", () => finish(!res.writableFinished));
}

function serveError(req: http.IncomingMessage, res: http.ServerResponse, err: unknown): void {
  console.error("Unhandled error serving", req.method, req.url?.slice(0, 200), err);
  if (!res.headersSent) refuse(req, res, 500, "internal", "Something went wrong on our side. Please try again.");
  else res.destroy();
}

// When whoever reads our log pipe is gone (the process that started us died), a log line fails
// with EPIPE; unhandled, that error is itself logged, fails again, and the loop takes a whole
// core. Losing log lines is better than that.
for (const stream of [process.stdout, process.stderr]) stream.on("error", () => undefined);

async function main() {
  // Live mode without PUBLIC_URL would take the Host header as the console's origin (a proxy or a
  // forged Host then decides which writes count as same-origin): refuse instead. The sandbox is a
  // local demo and keeps working without it.
  if (config.mode === "live" && !config.publicOrigin) {
    throw new Error(
      "Set PUBLIC_URL to the address people open the console at (e.g. https://console.example.com): in live mode the console needs it to tell its own pages from other sites.",
    );
  }
  const distDir = path.resolve(root, process.env.NEXT_DIST_DIR || ".next");
  // In the image's standalone folder (scripts/package-standalone.ts) there is no next.config.mjs:
  // Next then takes the build's own copy of its config from this variable, as Next's standalone
  // server.js hands it over.
  if (!fs.existsSync(path.join(root, "next.config.mjs")) && !process.env.__NEXT_PRIVATE_STANDALONE_CONFIG) {
    const { config: built } = JSON.parse(fs.readFileSync(path.join(distDir, "required-server-files.json"), "utf8")) as { config: unknown };
    process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(built);
  }
  const app = next({ dev: false, dir: root, port: config.port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const serveStaticBrotli = staticBrotliServer(distDir);
  // After a build the files are compressed already (npm run build); this catches any that are not.
  void precompressStatic(distDir).catch((err: unknown) => console.warn("Could not precompress the static files:", err instanceof Error ? err.message : err));

  // A body must arrive within BODY_TIMEOUT_S (30 s): a slow sender is answered 408 and cut off
  // instead of holding a connection for Node's default 300 s (checked every second).
  const server = http.createServer({ requestTimeout: config.bodyTimeoutMs, connectionsCheckingInterval: 1_000 }, (req, res) => {
    const requestId = requestIdFrom(req.headers["x-request-id"], () => crypto.randomUUID());
    req.headers["x-request-id"] = requestId;
    res.setHeader("X-Request-Id", requestId);
    observe(req, res, requestId);
    runWithRequest({ requestId }, () => serve(req, res));
  });

  const serve = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const nonce = crypto.randomBytes(16).toString("base64");
    const headers = securityHeaders(nonce, { https: config.cookieSecure });
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    // Only this server sets these; whatever a client sent under the same names is replaced.
    req.headers["x-client-ip"] = clientAddressOf(req.socket.remoteAddress, req.headers["x-forwarded-for"], config.trustProxy);
    req.headers["x-console-path"] = req.url ?? "/";
    req.headers["content-security-policy"] = headers["Content-Security-Policy"];
    delete req.headers["content-security-policy-report-only"];

    if ((req.url ?? "").startsWith("/api/")) answerBareApiErrorsInShape(res);
    const refusal = refuseRequestLine(req);
    if (refusal) return refuse(req, res, refusal.status, refusal.code, refusal.message, refusal.headers);
    if (serveStaticBrotli(req, res)) return;
    const fast = config.fastLane ? fastLane()?.(req.method ?? "GET", req.url ?? "/") : null;
    if (fast) {
      fast(webRequest(req))
        .then((answer) => sendWebResponse(res, answer))
        .catch((err: unknown) => serveError(req, res, err));
      return;
    }
    handle(req, res).catch((err: unknown) => serveError(req, res, err));
  };
  // CONNECT never reaches the request handler (Node hands it to 'connect'): answered here, or the
  // socket would be left hanging.
  server.on("connect", (_req: http.IncomingMessage, socket: import("node:stream").Duplex) => {
    const body = JSON.stringify({ error: { code: "method_not_allowed", message: "The console does not answer CONNECT requests." } });
    socket.end(
      `HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS\r\nContent-Type: application/json\r\nCache-Control: no-store\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  });
  // What Node's parser refuses (a broken request line or header, a body too slow) is answered
  // here in the error shape instead of Node's bare text, and the connection is closed.
  server.on("clientError", (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || err.code === "ECONNRESET") return void socket.destroy();
    const [status, reason, message] =
      err.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? [408, "Request Timeout", `The request did not arrive within ${Math.round(config.bodyTimeoutMs / 1000)} s.`]
        : err.code === "HPE_HEADER_OVERFLOW"
          ? [431, "Request Header Fields Too Large", "The request's headers are too large."]
          : [400, "Bad Request", "The request could not be read."];
    const body = JSON.stringify({ error: { code: status === 408 ? "request_timeout" : "bad_request", message } });
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nCache-Control: no-store\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  });
  server.listen(config.port, () => console.log(`Console listening on port ${config.port}`));
  // SIGTERM: readiness says 503 (the balancer moves on), no new connections, streams told to
  // reconnect elsewhere, the live engine hands its batches over; requests in flight (uploads
  // included) may finish for DRAIN_S (70 s); then whatever is still open is cut and we exit 0.
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    console.log(`Stopping: draining requests in flight for up to ${Math.round(config.drainMs / 1000)} s.`);
    server.close(() => process.exit(0));
    void beginShutdown().catch((err: unknown) => console.error("Shutdown hook failed:", err instanceof Error ? err.message : err));
    // Keep-alive connections between requests are closed as soon as they are idle.
    setInterval(() => server.closeIdleConnections(), 250).unref();
    setTimeout(() => {
      server.closeAllConnections();
      process.exit(0);
    }, config.drainMs).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
