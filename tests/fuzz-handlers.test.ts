// Property-based fuzzing of every /api handler (found by walking app/api) against a real
// in-process sandbox and store: wrong types, huge and unicode strings, NUL, deep nesting,
// invalid JSON, wrong content types, odd path ids, huge page/limit, binary and formula-laden
// CSVs. Whatever arrives, the answer is never a 5xx other than an upstream 502/504, errors are
// always the contract's shape, and nothing internal (stack, path, upstream body) leaks.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { fillPattern, loadApiRoutes, type ApiRoute, type HttpMethod } from "@/tests/support/api-routes";
import { startHarness, type Harness } from "@/tests/support/route-harness";

vi.mock("@/lib/server/auth/current-user", async () => (await import("@/tests/support/route-harness")).currentUserModule);

const RUNS = 1500;
const FUZZ_BATCH = "fuzz-batch";

let h: Harness;
let targets: { route: ApiRoute; method: HttpMethod }[];
const statuses = new Map<number, number>();

beforeAll(async () => {
  h = await startHarness({ timeoutMs: 3000 });
  const routes = await loadApiRoutes();
  // Sign-out always writes the cookie, which needs a Next request scope: the browser-level fuzz
  // in e2e/security.spec.ts covers it against the real server.
  targets = routes
    .filter((route) => route.pattern !== "/api/auth/logout")
    .flatMap((route) => (Object.keys(route.handlers) as HttpMethod[]).map((method) => ({ route, method })));
  const campaign = await h.sandbox<{ id: number }>("POST", "/api/v1/outbound/campaigns", {
    campaign_name: "Fuzz",
    mode: "voice",
    hourly_rate: 60,
    campaign_variables: {},
    caller_id: "+15125550100",
    active_days: ["mon"],
  });
  await h.sandbox("POST", "/api/v1/outbound/batches", { batch_id: FUZZ_BATCH, campaign_id: campaign.id, paused: true });
});
afterAll(async () => {
  await h?.close();
  console.log(`fuzz: ${RUNS} cases; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`);
});

const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 50 }),
  fc.string({ unit: "binary", maxLength: 50 }),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "a\u0000b",
    "%",
    "%zz",
    "../../etc/passwd",
    "\u202Eevil",
    "<script>",
    "=cmd|' /C calc'!A0",
    "null",
    "1e308",
    "-1",
    "0",
    "NaN",
  ),
  fc.integer().map(String),
  fc.nat({ max: 6000 }).map((n) => "x".repeat(n)),
);

const queryKeys = fc.constantFrom(
  "page",
  "limit",
  "status",
  "q",
  "sort",
  "dir",
  "order_by",
  "order_dir",
  "search_field",
  "search_value",
  "start",
  "end",
  "before",
  "force",
  "reference_id",
  "insights_status",
  "label",
  "mode",
  "search",
);
const query = fc.dictionary(queryKeys, fc.oneof(nasty, fc.constantFrom("999999999999", "1", "50", "asc", "batch_id", "ACTIVE", "2026-01-01")), { maxKeys: 5 });

const deepJson = fc.nat({ max: 20_000 }).map((n) => "[".repeat(n) + "]".repeat(n));
const csvCell = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom('=HYPERLINK("http://x")', "+15125550100", "@SUM(A1)", "-2+3", "\u0000\u0001\u00ff", '"quoted, cell"'),
);
const csv = fc
  .array(fc.array(csvCell, { minLength: 1, maxLength: 4 }), { maxLength: 20 })
  .map((rows) => ["reference_id,target,note", ...rows.map((r) => r.join(","))].join("\n"));

type BodyCase = { body?: BodyInit; type?: string };
const body: fc.Arbitrary<BodyCase> = fc.oneof(
  fc.constant<BodyCase>({}),
  fc.jsonValue({ maxDepth: 4 }).map((v) => ({ body: JSON.stringify(v), type: "application/json" })),
  fc
    .record({
      reason: nasty,
      paused: fc.anything({ maxDepth: 1 }),
      reference_ids: fc.array(nasty, { maxLength: 5 }),
      batch_id: nasty,
      campaign_id: fc.oneof(fc.integer(), nasty),
    })
    .map((v) => ({ body: JSON.stringify(v), type: "application/json" })),
  deepJson.map((text) => ({ body: text, type: "application/json" })),
  fc.string().map((text) => ({ body: text, type: "application/json" })),
  fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "application/xml", "").map((type) => ({ body: '{"a":1}', type })),
  csv.map((text) => {
    const form = new FormData();
    form.append("file", new Blob([text], { type: "text/csv" }), "contacts.csv");
    return { body: form };
  }),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => {
    const form = new FormData();
    form.append("file", new Blob([bytes]), "binary.csv");
    return { body: form };
  }),
);

describe("fuzzing every handler", () => {
  it(`${RUNS} generated bad requests: no 5xx but upstream 502/504, the error shape, nothing leaked`, { timeout: 300_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.constantFrom(null, "supervisor", "manager", "admin", "admin", "admin"),
        fc.oneof(nasty, fc.constant(FUZZ_BATCH), fc.nat({ max: 5 }).map(String)),
        query,
        body,
        async (pick, role, id, q, b) => {
          const { route, method } = targets[pick % targets.length]!;
          const params = Object.fromEntries(route.params.map((p) => [p, id]));
          const search = new URLSearchParams(q).toString();
          const path = `${fillPattern(route.pattern, params)}${search ? `?${search}` : ""}`;
          const res = await h.call(route.handlers[method]!, path, {
            method,
            role: role as never,
            params,
            ...(method === "GET" ? {} : { body: b.body, headers: b.type ? { "Content-Type": b.type } : {} }),
          });
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          // An event stream (a supervisor on an existing batch) is a success that never ends: stop reading.
          const streaming = (res.headers.get("content-type") ?? "").startsWith("text/event-stream");
          const text = streaming ? (await res.body?.cancel(), "") : await res.text();
          const where = `${method} ${path.slice(0, 120)} → ${res.status} ${text.slice(0, 200)}`;
          expect(res.status < 500 || res.status === 502 || res.status === 504, where).toBe(true);
          expect(text, where).not.toMatch(/\n\s+at |node_modules|\/work\/|\.ts:\d+/);
          if (res.status >= 400) {
            const parsed = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
            expect(typeof parsed.error?.code, where).toBe("string");
            expect(typeof parsed.error?.message, where).toBe("string");
            // Never Syllable's own error body (FastAPI's "detail").
            expect(text, where).not.toContain('"detail"');
          }
        },
      ),
      { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261123), endOnFailure: true },
    );
  });
});
