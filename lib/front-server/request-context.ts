// The request being served, for code far from the handler (the Syllable client adds its id to
// upstream calls; log lines name it). The front server opens the context around each request;
// the store is a process singleton because the front server and Next's bundles are separate module
// graphs in one process and must share one.
import { AsyncLocalStorage } from "node:async_hooks";
import { processSingleton } from "../process-singletons";

export type RequestContext = { requestId: string };

const storage = processSingleton("request-context", () => new AsyncLocalStorage<RequestContext>());

export function runWithRequest<T>(ctx: RequestContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

/** The current request's id, if this code runs on behalf of one. */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

const SANE_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** A request id: the one a trusted proxy (or the client) sent when it is sane, else a new one. */
export function requestIdFrom(header: string | string[] | undefined, fresh: () => string): string {
  const sent = Array.isArray(header) ? header[0] : header;
  return sent && SANE_ID.test(sent) ? sent : fresh();
}
