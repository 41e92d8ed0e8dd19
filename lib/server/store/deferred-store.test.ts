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
    await expect(store.users.findById(1)).rejects.toThrow(/ECONNREFUSED/);
    await expect(store.users.findById(1)).rejects.toThrow(/ECONNREFUSED/); // within a second: the same failed attempt
    expect(open).toHaveBeenCalledTimes(1);

    down = false;
    await new Promise((r) => setTimeout(r, 1_100));
    expect(await store.users.findById(1)).toBeUndefined();
    const user = await store.users.create({ email: "a@x.io", role: "admin", passwordHash: "h" });
    expect((await store.users.findByEmail("a@x.io"))?.id).toBe(user.id);
    expect(open).toHaveBeenCalledTimes(2);
    await vi.waitFor(async () => {
      await store.events.publish("c", 1);
      expect(got.length).toBeGreaterThan(0);
    });
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});
