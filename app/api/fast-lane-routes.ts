import "server-only";
// Which routes take the fast lane (see lib/front-server/fast-lane.ts): only reads served from memory.
import { GET as batchDetail } from "@/app/api/batches/[batchId]/route";
import type { FastLane } from "@/lib/front-server/fast-lane";

// `/api/batches/{id}` exactly (the handler ignores a query string); anything longer is another route.
const BATCH_DETAIL = /^\/api\/batches\/([^/?#]+)(?:\?.*)?$/;

export const fastLaneRoutes: FastLane = (method, path) => {
  if (method !== "GET") return null;
  const encoded = BATCH_DETAIL.exec(path)?.[1];
  if (encoded === undefined) return null;
  let batchId: string;
  try {
    batchId = decodeURIComponent(encoded);
  } catch {
    return null; // Next answers malformed addresses
  }
  // /api/batches/bulk is a route of its own (POST only): Next answers it, with 405 for a GET.
  if (batchId === "bulk") return null;
  return (req) => batchDetail(req, { params: Promise.resolve({ batchId }) });
};
