// Live event streams are bounded per user and end soon after their person is signed out.
import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/server/errors";
import { ALLOWED_CHECK_MS, eventStream, openStreamCount, type StreamOwner } from "./event-stream";

type Open = { text: () => string; ended: () => boolean; abort: () => void };

function open(owner: StreamOwner, allowed: () => Promise<boolean> = async () => true, max = 3): Open {
  const ac = new AbortController();
  const res = eventStream({ name: "test", signal: ac.signal, allowed, owner, maxPerUser: max, start: () => () => undefined });
  let text = "";
  let ended = false;
  const reader = res.body!.getReader();
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    ended = true;
  })();
  return { text: () => text, ended: () => ended, abort: () => ac.abort() };
}
const until = async (check: () => boolean, ms = 3_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe("stream limits", () => {
  it("a new tab past the cap replaces that session's oldest stream; another session of the user past the cap gets 429", async () => {
    const me = { userId: 101, session: "s1" };
    const tabs = [open(me), open(me), open(me)];
    expect(openStreamCount(101)).toBe(3);
    const fourth = open(me);
    await until(() => tabs[0]!.ended());
    expect(tabs[0]!.text()).toContain("event: replaced");
    expect(tabs[1]!.ended()).toBe(false);
    expect(openStreamCount(101)).toBe(3);
    let refused: unknown = null;
    try {
      open({ userId: 101, session: "another browser" });
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).status).toBe(429);
    expect((refused as ApiError).message).toMatch(/3 live pages open elsewhere/);
    for (const t of [...tabs, fourth]) t.abort();
    await until(() => openStreamCount(101) === 0);
  });

  it("a stream ends within 2 s of its person being signed out (logout, password or role change, removal: the store says so)", async () => {
    let signedIn = true;
    const s = open({ userId: 102, session: "s" }, async () => signedIn, 10);
    await new Promise((r) => setTimeout(r, 100));
    signedIn = false;
    const at = Date.now();
    await until(() => s.ended(), 4_000);
    expect(Date.now() - at).toBeLessThanOrEqual(ALLOWED_CHECK_MS + 300);
    expect(s.text()).toContain("event: signed-out");
  });

  it("the store not answering is not a sign-out: the stream stays open (its data comes from memory)", async () => {
    const outage = new ApiError("store_unavailable", "The console's database is not answering right now.");
    const s = open({ userId: 103, session: "s" }, () => Promise.reject(outage), 10);
    await new Promise((r) => setTimeout(r, ALLOWED_CHECK_MS * 2 + 300));
    expect(s.ended()).toBe(false);
    expect(s.text()).not.toContain("signed-out");
    s.abort();
  });
});
