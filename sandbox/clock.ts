// Simulated time: the demo needs calls to progress faster than real time, tests need it frozen.
import { getMeta, setMeta, type Db } from "./db";

export class SimClock {
  private anchorSim: number;
  private anchorReal: number;
  speed: number;

  constructor(
    private readonly db: Db,
    speed: number,
  ) {
    this.speed = speed;
    const persisted = Number(getMeta(db, "sim_now") ?? 0);
    // Resume from whichever is later so timestamps written before a restart never end up in the future.
    this.anchorSim = Math.max(persisted, Date.now());
    this.anchorReal = Date.now();
  }

  /** Simulated epoch milliseconds. */
  now(): number {
    return Math.floor(this.anchorSim + (Date.now() - this.anchorReal) * this.speed);
  }

  nowIso(): string {
    return new Date(this.now()).toISOString();
  }

  /** Moves simulated time forward (tests and the control endpoint). */
  advance(ms: number): void {
    this.rebase();
    this.anchorSim += Math.max(0, ms);
  }

  setSpeed(speed: number): void {
    this.rebase();
    this.speed = speed;
  }

  persist(): void {
    setMeta(this.db, "sim_now", String(this.now()));
  }

  private rebase(): void {
    this.anchorSim = this.now();
    this.anchorReal = Date.now();
  }
}
