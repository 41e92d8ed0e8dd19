import { isServer, QueryClient } from "@tanstack/react-query";
import { ApiClientError } from "./api-fetch";

/** While a query's last fetch failed, it tries again this often by itself (pages recover without a reload). */
export const RECOVERY_MS = 10_000;

/** A refetchInterval: RECOVERY_MS while failing, else `whenOk` (a number, false, or a function of the query). */
export function recoveringInterval<Q extends { state: { status: string } }>(whenOk: number | false | ((query: Q) => number | false) = false) {
  return (query: Q): number | false => (query.state.status === "error" ? RECOVERY_MS : typeof whenOk === "function" ? whenOk(query) : whenOk);
}

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Data prefetched on the server stays fresh long enough not to be fetched again on hydration.
        staleTime: 5_000,
        // The server already retries Syllable within its time budget and answers 503 at once while
        // Syllable is down: retrying those here would only multiply the wait. Retry when the
        // console server itself was unreachable.
        retry: (count, err) => err instanceof ApiClientError && err.status === 0 && count < 2,
        refetchOnWindowFocus: true,
        refetchInterval: recoveringInterval(),
      },
    },
  });
}

let browserClient: QueryClient | undefined;

/** A new QueryClient per server request; one shared client in the browser. */
export function getQueryClient() {
  if (isServer) return makeQueryClient();
  browserClient ??= makeQueryClient();
  return browserClient;
}
