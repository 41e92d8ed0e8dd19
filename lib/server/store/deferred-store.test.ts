import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { deferStore } from "./deferred-store";
import { openStore } from "./index";

describe("the store while it opens", () => {
  it("calls wait for it; a failure to open is each call's error, and a later call opens it (the database came back)", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "oc-deferred-"));
    let down = true;
    const open = vi.fn(async () => {
      if (down) throw new Error("connect ECONNREFUSED 127.0.0.1:5432");
      return openStore({ dataDir });
    });
    const store = deferStore(open);
    const got: unknown[] = [];
    store.events.subscribe("c", (p) => got.push(p)); // before it is open
    // A database that is not there is a 503 a person can read (with Retry-After), never a 500 or a sign-out.
    const unavailable = { code: "store_unavailable", status: 503, message: "The console's database is not answering right now. Try again in a moment." };
    await expect(store.users.findById(1)).rejects.toMatchObject(unavailable);
    await expect(store.users.findById(1)).rejects.toMatchObject(unavailable); // within a second: the same failed attempt
    expect(open).toHaveBeenCalledTimes(1);

    down = false;
    await new Promise((r) => setTimeout(r, 1_100));
    expect(await store.users.findById(1)).toBeUndefined();
    const user = await store.users.create({ email: "a@x.io", role: "admin", passwordHash: "h" });
    expect((await store.users.findByEmail("a@x.io"))?.id).toBe(user.id);
    // A query that fails on its merits (the same email twice) is not an outage.
    await expect(store.users.create({ email: "a@x.io", role: "admin", passwordHash: "h" })).rejects.not.toMatchObject({ code: "store_unavailable" });
    expect(open).toHaveBeenCalledTimes(2);
    await vi.waitFor(async () => {
      await store.events.publish("c", 1);
      expect(got.length).toBeGreaterThan(0);
    });
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});
