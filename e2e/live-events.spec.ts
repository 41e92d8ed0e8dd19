import { expect, test } from "./support/test";
import { SEED } from "../sandbox/seed";
import { CONSOLE_URL } from "./support/env";

// The batch event stream over real HTTP through the front server: a supervisor's stream carries
// the batch, and ends with `signed-out` once that session is logged out (checked at each heartbeat).
async function signInCookie(role: string): Promise<string> {
  const res = await fetch(`${CONSOLE_URL}/api/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: CONSOLE_URL },
    body: JSON.stringify({ email: `${role}@sandbox.local`, password: "sandbox" }),
  });
  expect(res.status).toBe(200);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

test("an event stream carries the batch and ends with signed-out after logout", async () => {
  test.setTimeout(60_000);
  const cookie = await signInCookie("supervisor");
  const res = await fetch(`${CONSOLE_URL}/api/batches/${SEED.batches.payments}/events`, { headers: { Cookie: cookie, Accept: "text/event-stream" } });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const readUntil = async (pattern: RegExp, ms: number) => {
    const end = Date.now() + ms;
    while (!pattern.test(text)) {
      if (Date.now() > end) throw new Error(`no ${pattern} within ${ms} ms; got:\n${text.slice(-500)}`);
      const { done, value } = await Promise.race([
        reader.read(),
        new Promise<never>((_, no) => setTimeout(() => no(new Error("read timed out")), end - Date.now())),
      ]);
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  };
  await readUntil(/event: batch\ndata: \{"batch_id":"seed-payments-0401"/, 10_000);

  const logout = await fetch(`${CONSOLE_URL}/api/auth/logout`, { method: "POST", headers: { Cookie: cookie, Origin: CONSOLE_URL } });
  expect(logout.ok).toBe(true);
  await readUntil(/event: signed-out/, 20_000);
  expect((await reader.read()).done).toBe(true);
});

test("an anonymous request for an event stream gets 401 in the error shape", async () => {
  const res = await fetch(`${CONSOLE_URL}/api/batches/${SEED.batches.payments}/events`);
  expect(res.status).toBe(401);
  expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
});
