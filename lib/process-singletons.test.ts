import { describe, expect, it, vi } from "vitest";

describe("process singletons", () => {
  it("two copies of the module (two bundles of one process) share one of each", async () => {
    const a = await import("./process-singletons");
    vi.resetModules();
    const b = await import("./process-singletons");
    expect(a).not.toBe(b);
    const made = a.processSingleton("upstream-clock", () => ({ offsetMs: 1 }));
    expect(b.processSingleton("upstream-clock", () => ({ offsetMs: 2 }))).toBe(made);
    expect(b.createdProcessSingletons()).toContain("upstream-clock");
    b.forgetProcessSingleton("upstream-clock");
    expect(a.processSingleton("upstream-clock", () => ({ offsetMs: 3 })).offsetMs).toBe(3);
  });
});
