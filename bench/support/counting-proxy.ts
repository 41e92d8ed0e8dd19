// A pass-through HTTP proxy in front of the sandbox that counts the requests it forwards: what
// the console really asks of "Syllable" during a benchmark.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type CountingProxy = { url: string; close(): Promise<void> };

export async function startCountingProxy(target: string, onRequest: (method: string, path: string) => void): Promise<CountingProxy> {
  const base = target.replace(/\/$/, "");
  const proxy = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on(
      "end",
      () =>
        void (async () => {
          onRequest(req.method ?? "GET", (req.url ?? "/").split("?")[0]!);
          const headers = Object.fromEntries(
            Object.entries(req.headers).filter(([k]) => !["host", "connection", "content-length"].includes(k)) as Array<[string, string]>,
          );
          try {
            const up = await fetch(base + req.url, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
            const body = Buffer.from(await up.arrayBuffer());
            res.writeHead(
              up.status,
              Object.fromEntries([...up.headers].filter(([k]) => !["content-encoding", "transfer-encoding", "content-length"].includes(k))),
            );
            res.end(body);
          } catch {
            res.writeHead(502).end();
          }
        })(),
    );
  });
  await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, close: () => new Promise((r) => proxy.close(() => r())) };
}
