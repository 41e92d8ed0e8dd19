import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { addUser, freePort, signInHeaders, startConsole, type ConsoleProcess } from "./support/console-process";

/** CPU seconds (user + system) a process has used so far, from /proc. */
function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100/s)
}

// A console whose parent died (its log pipes have no reader) spun at 100% of a core: each log
// line failed with EPIPE, the failure was logged, failed again, and so on. And SIGTERM waited
// forever for open event streams and keep-alive connections.
test.describe("the console process", () => {
  const USER = { email: "lifecycle@example.com", password: "quiet-harbor-lamp-71" };
  const started: ConsoleProcess[] = [];
  let dataDir: string;
  test.beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "oc-lifecycle-"));
    addUser(dataDir, USER.email, "supervisor", USER.password);
  });
  test.afterAll(() => {
    for (const c of started) c.child.kill("SIGKILL");
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test("keeps idling when nobody reads its logs any more", async () => {
    test.setTimeout(60_000);
    // An upstream that refuses connections: the live engine and the API log their failures.
    const deadUpstream = `http://127.0.0.1:${await freePort()}`;
    const running = await startConsole(dataDir, await freePort(), { SYLLABLE_BASE_URL: deadUpstream, LIVE_IDLE_POLL_MS: "1000" });
    started.push(running);
    const pid = running.child.pid!;
    running.child.stdout!.destroy();
    running.child.stderr!.destroy();
    const headers = await signInHeaders(running.url, USER.email, USER.password);
    for (let i = 0; i < 5; i++) await fetch(`${running.url}/api/live`, { headers }).catch(() => undefined);
    const before = cpuSeconds(pid);
    await new Promise((r) => setTimeout(r, 8_000));
    expect(cpuSeconds(pid) - before, "CPU seconds used in 8 s of idling without a log reader").toBeLessThan(4);
  });

  test("stops on SIGTERM although an event stream is still open", async () => {
    test.setTimeout(60_000);
    const running = await startConsole(dataDir, await freePort());
    started.push(running);
    const headers = await signInHeaders(running.url, USER.email, USER.password);
    const stream = await fetch(`${running.url}/api/live/events`, { headers });
    expect(stream.headers.get("content-type")).toContain("text/event-stream");
    const exited = new Promise<number | null>((resolve) => running.child.once("exit", (code) => resolve(code)));
    running.child.kill("SIGTERM");
    expect(await exited).toBe(0);
    await stream.body?.cancel().catch(() => undefined);
  });

  test("drains on SIGTERM: a request in flight finishes, open streams are told to reconnect, then it exits 0", async () => {
    test.setTimeout(60_000);
    const http = await import("node:http");
    const running = await startConsole(dataDir, await freePort(), { DRAIN_S: "20" });
    started.push(running);
    const headers = await signInHeaders(running.url, USER.email, USER.password);
    const stream = await fetch(`${running.url}/api/live/events`, { headers });
    const reader = stream.body!.getReader();
    let streamed = "";
    const reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        streamed += new TextDecoder().decode(value);
      }
    })();
    // A sign-in whose body is still arriving when SIGTERM comes.
    const body = JSON.stringify({ email: USER.email, password: USER.password });
    const slow = new Promise<number | string>((resolve) => {
      const req = http.request(`${running.url}/api/auth/login`, { method: "POST", headers: { "Content-Type": "application/json", Origin: running.url, "Content-Length": Buffer.byteLength(body) } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", (e) => resolve(e.message));
      req.write(body.slice(0, 10));
      setTimeout(() => req.end(body.slice(10)), 2_000);
    });
    await new Promise((r) => setTimeout(r, 300));
    const exited = new Promise<number | null>((resolve) => running.child.once("exit", (code) => resolve(code)));
    running.child.kill("SIGTERM");
    expect(await slow).toBe(200);
    await reading;
    expect(streamed).toContain("event: reconnect");
    expect(await exited).toBe(0);
  });
});
