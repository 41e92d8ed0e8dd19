// The console's Prometheus metrics (prom-client), served by GET /api/metrics. One registry per
// process (lib/process-singletons.ts): the front server (scripts/serve.ts) and Next's bundles are separate
// module graphs in one process, and each records into the same metrics.
import client from "prom-client";
import { processSingleton } from "../process-singletons";

function create() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "console_" });
  const seconds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
  return {
    registry,
    httpRequests: new client.Counter({
      name: "console_http_requests_total",
      help: "Requests served, by route, method and status.",
      labelNames: ["route", "method", "status"],
      registers: [registry],
    }),
    httpDuration: new client.Histogram({
      name: "console_http_request_duration_seconds",
      help: "Time to answer a request (to the end of the response), by route and method.",
      labelNames: ["route", "method"],
      buckets: seconds,
      registers: [registry],
    }),
    upstreamCalls: new client.Counter({
      name: "console_upstream_calls_total",
      help: "Calls to Syllable, by operation and outcome (HTTP status, or timeout/unreachable/circuit_open).",
      labelNames: ["operation", "outcome"],
      registers: [registry],
    }),
    upstreamDuration: new client.Histogram({
      name: "console_upstream_call_duration_seconds",
      help: "Time of each attempt at a Syllable call, by operation.",
      labelNames: ["operation"],
      buckets: seconds,
      registers: [registry],
    }),
    circuitOpen: new client.Gauge({
      name: "console_upstream_circuit_open",
      help: "1 while the circuit breaker to an upstream is not closed: open (calls fail fast) or half-open (one probe at a time).",
      labelNames: ["upstream"],
      registers: [registry],
    }),
    circuitState: new client.Gauge({
      name: "console_upstream_circuit_state",
      help: "1 for the state the circuit breaker to an upstream is in (closed, open, half-open), 0 for the others.",
      labelNames: ["upstream", "state"],
      registers: [registry],
    }),
    circuitTransitions: new client.Counter({
      name: "console_upstream_circuit_transitions_total",
      help: "Changes of the circuit breaker's state, by upstream and the state it went to.",
      labelNames: ["upstream", "to"],
      registers: [registry],
    }),
    sseClients: new client.Gauge({ name: "console_sse_clients", help: "Open event streams, by stream.", labelNames: ["stream"], registers: [registry] }),
    engineBatches: new client.Gauge({ name: "console_live_batches", help: "Batches the live engine follows.", registers: [registry] }),
    engineLag: new client.Gauge({
      name: "console_live_engine_lag_seconds",
      help: "How far the live engine's most overdue batch is behind its cadence.",
      registers: [registry],
    }),
    resultRows: new client.Gauge({
      name: "console_result_rows",
      help: "Batch result rows kept in the store (shown sets), and the sets they belong to.",
      labelNames: ["what"],
      registers: [registry],
    }),
    storeDuration: new client.Histogram({
      name: "console_store_operation_duration_seconds",
      help: "Time of store operations, by repository and method, and whether they failed.",
      labelNames: ["operation", "ok"],
      buckets: [0.0005, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
      registers: [registry],
    }),
  };
}

export type ConsoleMetrics = ReturnType<typeof create>;
export function metrics(): ConsoleMetrics {
  return processSingleton("metrics", create);
}

// Console API paths as route templates (labels must not carry ids: one series per route).
const API_ROUTES: Array<[RegExp, string]> = [
  [/^\/api\/batches\/[^/]+\/(results\.csv|results|upload|events|requests\/remove|requests)$/, "/api/batches/{id}/$1"],
  [/^\/api\/batches\/[^/]+$/, "/api/batches/{id}"],
  [/^\/api\/campaigns\/[^/]+$/, "/api/campaigns/{id}"],
  [/^\/api\/alerts\/[^/]+\/ack$/, "/api/alerts/{id}/ack"],
  [/^\/api\/tokens\/[^/]+$/, "/api/tokens/{id}"],
  [/^\/api\/docs\/assets\/[^/]+$/, "/api/docs/assets/{file}"],
];
const FIXED = new Set([
  "/api/batches",
  "/api/campaigns",
  "/api/live",
  "/api/live/events",
  "/api/alerts",
  "/api/audit",
  "/api/tokens",
  "/api/health",
  "/api/health/live",
  "/api/metrics",
  "/api/openapi.json",
  "/api/docs",
  "/api/auth/login",
  "/api/auth/logout",
  "/api/auth/me",
]);

/** The route a request path belongs to, for metric labels: API templates, "page", "static" or "other". */
export function routeOf(rawPath: string): string {
  const p = rawPath.split("?", 1)[0] ?? "/";
  if (FIXED.has(p)) return p;
  for (const [re, template] of API_ROUTES) if (re.test(p)) return p.replace(re, template);
  if (p.startsWith("/api/")) return "/api/other";
  if (p.startsWith("/_next/")) return "static";
  return "page";
}

/** Syllable operations for labels: the method and the path with ids replaced. */
export function operationOf(method: string, path: string): string {
  const template = path
    .split("?", 1)[0]!
    .replace(/^\/api\/v1\/outbound/, "")
    .replace(/\/(batches|campaigns)\/[^/]+/g, "/$1/{id}");
  return `${method} ${template || "/"}`;
}
