// What route modules need from the running sandbox.
import type { SimClock } from "./clock";
import type { Db } from "./db";
import type { Engine } from "./engine";
import type { FaultInjector } from "./faults";

export interface SandboxDeps {
  db: Db;
  clock: SimClock;
  engine: Engine;
  faults: FaultInjector;
}
