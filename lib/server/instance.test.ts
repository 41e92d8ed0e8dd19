import { describe, expect, it, vi } from "vitest";

describe("INSTANCE_ID", () => {
  it("is one per process, however many copies of the module are loaded (Next bundles each route apart)", async () => {
    const first = (await import("./instance")).INSTANCE_ID;
    vi.resetModules();
    const second = (await import("./instance")).INSTANCE_ID;
    expect(second).toBe(first);
    expect(first).toMatch(new RegExp(`^${process.pid}-[0-9a-f]{8}$`));
  });
});
