import { afterEach, describe, expect, it, vi } from "vitest";
import { backgroundJobs, startBackgroundJobs, stopBackgroundJobs, type BackgroundJob } from "./background-jobs";

afterEach(() => {
  stopBackgroundJobs();
  vi.useRealTimers();
});

const job = (name: string, everyMs: number | null, runsWith: BackgroundJob["runsWith"], run: () => Promise<void>): BackgroundJob => ({
  name,
  everyMs,
  runsWith,
  who: "test",
  run,
});

describe("background jobs", () => {
  it("the list names every job of an instance, each with its period and who runs it", () => {
    const jobs = backgroundJobs({ liveDiscoveryMs: 5_000, resultsRetentionDays: 90, suppressionSweepMs: 10_000, schedulerTickMs: 5_000, reportSyncMs: 60_000 });
    expect(jobs.map((j) => [j.name, j.everyMs, j.runsWith])).toEqual([
      ["heartbeat", 5_000, "several"],
      ["settle interrupted writes", null, "one or several"],
      ["audit sweep", 10_000, "several"],
      ["live discovery", 5_000, "one or several"],
      ["snapshot retention", 3_600_000, "one or several"],
      ["results retention", 3_600_000, "one or several"],
      ["suppression sweep", 10_000, "one or several"],
      ["scheduler", 5_000, "one or several"],
      ["report sync", 60_000, "one or several"],
    ]);
  });

  it("each runs at start and then on its period; jobs for several instances only with several; stopped last-first", async () => {
    vi.useFakeTimers();
    const runs: string[] = [];
    const jobs = [
      job("every second", 1_000, "one or several", async () => void runs.push("a")),
      job("once", null, "one or several", async () => void runs.push("b")),
      job("only with Postgres", 1_000, "several", async () => void runs.push("c")),
    ];
    expect(startBackgroundJobs(jobs, { severalInstances: false })).toEqual(["every second", "once"]);
    expect(startBackgroundJobs(jobs, { severalInstances: false })).toEqual(["every second", "once"]); // not twice
    await vi.advanceTimersByTimeAsync(2_500);
    expect(runs).toEqual(["a", "b", "a", "a"]);
    expect(stopBackgroundJobs()).toEqual(["once", "every second"]);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(runs).toHaveLength(4);
  });

  it("a failing run is logged with the job's name and the job keeps its schedule", async () => {
    vi.useFakeTimers();
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    let n = 0;
    startBackgroundJobs([job("flaky", 1_000, "one or several", () => (++n === 1 ? Promise.reject(new Error("store down")) : Promise.resolve()))], {
      severalInstances: true,
    });
    await vi.advanceTimersByTimeAsync(1_100);
    expect(errors).toHaveBeenCalledWith('Background job "flaky" failed:', "store down");
    expect(n).toBe(2);
    errors.mockRestore();
  });

  it("a job failing on every run is logged once, and once more when it works again", async () => {
    vi.useFakeTimers();
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const logs = vi.spyOn(console, "log").mockImplementation(() => undefined);
    let down = true;
    startBackgroundJobs([job("outage", 1_000, "one or several", () => (down ? Promise.reject(new Error("down")) : Promise.resolve()))], {
      severalInstances: true,
    });
    await vi.advanceTimersByTimeAsync(3_100);
    expect(errors).toHaveBeenCalledTimes(1);
    down = false;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(logs).toHaveBeenCalledTimes(1);
    expect(logs).toHaveBeenCalledWith('Background job "outage" works again.');
    errors.mockRestore();
    logs.mockRestore();
  });
});
