import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { spawn } from "node:child_process";
import { addUser, envFor, freePort, signInHeaders, startConsole, type ConsoleProcess } from "./support/console-process";
import { sandboxControl } from "./support/sandbox";
import { SEED } from "../sandbox/seed";

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
  const MANAGER = { email: "lifecycle-manager@example.com", password: "amber-kettle-north-52" };
  const started: ConsoleProcess[] = [];
  let dataDir: string;
  test.beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "oc-lifecycle-"));
    addUser(dataDir, USER.email, "supervisor", USER.password);
    addUser(dataDir, MANAGER.email, "manager", MANAGER.password);
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
      const req = http.request(
        `${running.url}/api/auth/login`,
        { method: "POST", headers: { "Content-Type": "application/json", Origin: running.url, "Content-Length": Buffer.byteLength(body) } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
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

  test("`npm start` sent SIGTERM as a process group during an upload: the upload finishes, then npm ends with nothing left running", async () => {
    test.setTimeout(120_000);
    // As a terminal's Ctrl-C or a service manager does: the signal reaches npm, the start script
    // and the server at once. The server must drain, not be killed by its parents.
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const npm = spawn("npm", ["start"], {
      cwd: process.cwd(),
      env: envFor(dataDir, port, { DRAIN_S: "30" }),
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let log = "";
    npm.stdout.on("data", (d: Buffer) => (log += d.toString()));
    npm.stderr.on("data", (d: Buffer) => (log += d.toString()));
    const exited = new Promise<{ code: number | null; signal: string | null; at: number }>((resolve) =>
      npm.once("exit", (code, signal) => resolve({ code, signal, at: Date.now() })),
    );
    try {
      await expect.poll(async () => (await fetch(`${url}/login`).catch(() => null))?.status, { timeout: 60_000, message: log }).toBe(200);
      const manager = await signInHeaders(url, MANAGER.email, MANAGER.password);
      const batchId = `sigterm-${Date.now()}`;
      const created = await fetch(`${url}/api/batches`, {
        method: "POST",
        headers: { ...manager, "Content-Type": "application/json" },
        body: JSON.stringify({ batch_id: batchId, campaign_id: SEED.campaigns.payments, paused: true }),
      });
      expect(created.status, await created.clone().text()).toBe(201);
      const form = new FormData();
      form.append("file", new Blob(["reference_id,target\nsig-1,+15125550101\nsig-2,+15125550102\n"], { type: "text/csv" }), "sigterm.csv");
      // Syllable takes 4 s to accept the file; SIGTERM comes once the file has reached it. (A fixed
      // second before SIGTERM was not enough on a loaded machine: the upload had not arrived, and a
      // draining server rightly refuses a new request.)
      await sandboxControl("POST", "/__sandbox/faults", { latency_ms: 4_000, only: "upload_batch" });
      try {
        const upload = fetch(`${url}/api/batches/${batchId}/upload`, { method: "POST", headers: manager, body: form });
        await expect.poll(async () => (await sandboxControl<{ held: number }>("GET", "/__sandbox/faults/held")).held, { intervals: [50] }).toBe(1);
        process.kill(-npm.pid!, "SIGTERM");
        const res = await upload;
        expect(res.status, await res.clone().text()).toBe(200);
        const counts = ((await res.json()) as { batch: { status_counts: Record<string, number> } }).batch.status_counts;
        expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(2);
        // npm itself does not wait for its script on a signal (npm 10 and 11 end at once, killed
        // by the SIGTERM they re-raise); the start script and the server it runs drain anyway.
        const end = await exited;
        expect(end.code === 0 || end.signal === "SIGTERM", `npm ended with ${JSON.stringify(end)}\n${log}`).toBe(true);
      } finally {
        await sandboxControl("DELETE", "/__sandbox/faults");
      }
      // Once the drain is over, nothing is left serving.
      await expect
        .poll(
          () =>
            fetch(`${url}/login`).then(
              () => "still serving",
              () => "gone",
            ),
          { timeout: 40_000 },
        )
        .toBe("gone");
      expect(log).toContain("draining requests in flight");
      expect(log).not.toMatch(/The console stopped \(SIGTERM|exit code [1-9]/);
    } finally {
      try {
        process.kill(-npm.pid!, "SIGKILL"); // whatever of the group is left
      } catch {
        // the group is gone
      }
    }
  });
});
