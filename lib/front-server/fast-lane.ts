// The fast lane: a few hot, read-only API routes that the front server (scripts/serve.ts) answers
// by calling their route handler directly, without Next's routing around it. The handler is the
// very one Next would run (same auth, roles, errors); only the per-request routing cost (about
// 1.7 ms on this machine, more than the answer itself) is skipped. Served from the live engine's
// memory, `GET /api/batches/{id}` is polled by every open batch page, so this is where it pays.
//
// The console's server code is bundled by Next, and the front server is not part of that bundle:
// instrumentation.ts installs the lane (a process singleton) once Next has loaded, and until then every
// request takes the normal way.
import { processSingleton } from "../process-singletons";

/** The handler for a method and path (with its query), or null when the lane does not take it. */
export type FastLane = (method: string, path: string) => ((req: Request) => Promise<Response>) | null;

const lane = () => processSingleton("fast-lane", () => ({ routes: undefined as FastLane | undefined }));

export function installFastLane(routes: FastLane): void {
  lane().routes = routes;
}

export function fastLane(): FastLane | undefined {
  return lane().routes;
}
