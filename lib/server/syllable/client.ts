import "server-only";
import { z } from "zod";
import { getConfig } from "@/lib/server/env";
import { ApiError } from "@/lib/server/errors";
import {
  batchDetailsSchema,
  batchSchema,
  campaignSchema,
  listResponseSchema,
  requestResultSchema,
  type Batch,
  type BatchDetails,
  type BatchInput,
  type BatchUpdate,
  type Campaign,
  type CampaignInput,
  type ListResponse,
  type RequestInput,
  type RequestResult,
} from "@/lib/schemas/syllable";
import { callUpstream, pathOf, type UpstreamConfig } from "./http";

/** Syllable's list parameters (0-based page). Search pairs become search_fields/search_field_values. */
export type ListParams = {
  page?: number;
  limit?: number;
  search?: Array<{ field: string; value: string }>;
  order_by?: string;
  order_by_direction?: "asc" | "desc";
  fields?: string[];
  start_datetime?: string;
  end_datetime?: string;
};

export type ResultFilters = { reference_id?: string; status?: string; insights_status?: string };

/**
 * Everything the console asks of Syllable, one method per upstream operation. Route handlers use
 * this interface only, so caching, request coalescing, retries or a circuit breaker can wrap it
 * without touching them.
 */
export interface SyllableClient {
  listBatches(params: ListParams): Promise<ListResponse<Batch>>;
  createBatch(input: BatchInput): Promise<Batch>;
  getBatch(batchId: string): Promise<BatchDetails>;
  updateBatch(batchId: string, update: BatchUpdate): Promise<Batch>;
  deleteBatch(batchId: string, reason: string): Promise<unknown>;
  uploadBatchCsv(batchId: string, file: Blob, filename: string): Promise<unknown>;
  getBatchResults(batchId: string, filters?: ResultFilters): Promise<RequestResult[]>;
  /** The results answer as it streams in (up to a million rows), read by `read`; resolves to what it returns. */
  streamBatchResults<R>(batchId: string, filters: ResultFilters | undefined, read: (body: ReadableStream<Uint8Array>) => Promise<R>): Promise<R>;
  addBatchRequest(batchId: string, request: RequestInput): Promise<unknown>;
  removeBatchRequests(batchId: string, referenceIds: string[]): Promise<unknown>;
  listCampaigns(params: ListParams): Promise<ListResponse<Campaign>>;
  createCampaign(input: CampaignInput): Promise<Campaign>;
  getCampaign(campaignId: number): Promise<Campaign>;
  /** A FULL replacement: anything not sent is reset upstream. Use the safe campaign update, not this, for edits. */
  replaceCampaign(campaignId: number, input: CampaignInput): Promise<Campaign>;
  deleteCampaign(campaignId: number): Promise<unknown>;
}

const anyBody = z.unknown();
const BASE = "/api/v1/outbound";

function listQuery(p: ListParams) {
  return {
    page: p.page,
    limit: p.limit,
    search_fields: p.search?.map((s) => s.field),
    search_field_values: p.search?.map((s) => s.value),
    order_by: p.order_by,
    order_by_direction: p.order_by_direction,
    fields: p.fields,
    start_datetime: p.start_datetime,
    end_datetime: p.end_datetime,
  };
}

/** The HTTP implementation of SyllableClient. */
export function createHttpSyllableClient(config: UpstreamConfig): SyllableClient {
  const call = <T extends z.ZodType>(req: Parameters<typeof callUpstream>[1], schema: T) => callUpstream(config, req, schema);
  const batchWhat = (id: string) => `Batch "${id}"`;
  const campaignWhat = (id: number) => `Campaign ${id}`;

  return {
    listBatches: (p) => call({ method: "GET", path: `${BASE}/batches`, query: listQuery(p), what: "The batch list" }, listResponseSchema(batchSchema)),
    createBatch: async (input) =>
      (await call({ method: "POST", path: `${BASE}/batches`, json: input, what: batchWhat(input.batch_id) }, batchSchema.nullable())) ??
      (await call({ method: "GET", path: BASE + pathOf`/batches/${input.batch_id}`, what: batchWhat(input.batch_id) }, batchSchema)),
    getBatch: (id) => call({ method: "GET", path: BASE + pathOf`/batches/${id}`, what: batchWhat(id) }, batchDetailsSchema),
    updateBatch: (id, update) => call({ method: "PUT", path: BASE + pathOf`/batches/${id}`, json: update, what: batchWhat(id) }, batchSchema),
    deleteBatch: (id, reason) => call({ method: "DELETE", path: BASE + pathOf`/batches/${id}`, form: { delete_reason: reason }, what: batchWhat(id) }, anyBody),
    uploadBatchCsv: (id, file, filename) => {
      const form = new FormData();
      form.append("file", file, filename);
      // Large lists take a while to ingest upstream: allow more than the default timeout.
      return call(
        { method: "POST", path: BASE + pathOf`/batches/${id}/upload_batch`, multipart: form, what: batchWhat(id), timeoutMs: config.timeoutMs * 4 },
        anyBody,
      );
    },
    getBatchResults: (id, filters) =>
      call(
        { method: "GET", path: BASE + pathOf`/batches/${id}/results`, query: filters, what: batchWhat(id), timeoutMs: config.timeoutMs * 4 },
        z.array(requestResultSchema),
      ),
    streamBatchResults: async <R>(id: string, filters: ResultFilters | undefined, read: (body: ReadableStream<Uint8Array>) => Promise<R>) =>
      (await call(
        // A million rows take a while to arrive: the budget is for the whole answer, not its first byte.
        { method: "GET", path: BASE + pathOf`/batches/${id}/results`, query: filters, what: batchWhat(id), timeoutMs: config.timeoutMs * 20, stream: read },
        anyBody,
      )) as R,
    addBatchRequest: (id, request) => call({ method: "POST", path: BASE + pathOf`/batches/${id}/requests`, json: request, what: batchWhat(id) }, anyBody),
    removeBatchRequests: (id, referenceIds) =>
      call({ method: "POST", path: BASE + pathOf`/batches/${id}/remove-requests`, json: referenceIds, what: batchWhat(id) }, anyBody),
    listCampaigns: (p) =>
      call({ method: "GET", path: `${BASE}/campaigns`, query: listQuery(p), what: "The campaign list" }, listResponseSchema(campaignSchema).nullable()).then(
        (r) => r ?? { items: [], page: p.page ?? 0, page_size: p.limit ?? 25, total_count: 0, total_pages: 0 },
      ),
    createCampaign: async (input) => {
      const created = await call(
        { method: "POST", path: `${BASE}/campaigns`, json: input, what: `Campaign "${input.campaign_name}"` },
        campaignSchema.nullable(),
      );
      if (!created) throw new ApiError("upstream_failed", "Syllable accepted the campaign but did not return it. Reload the campaign list.");
      return created;
    },
    getCampaign: (id) => call({ method: "GET", path: BASE + pathOf`/campaigns/${id}`, what: campaignWhat(id) }, campaignSchema),
    replaceCampaign: (id, input) => call({ method: "PUT", path: BASE + pathOf`/campaigns/${id}`, json: input, what: campaignWhat(id) }, campaignSchema),
    deleteCampaign: (id) => call({ method: "DELETE", path: BASE + pathOf`/campaigns/${id}`, what: campaignWhat(id) }, anyBody),
  };
}

let client: SyllableClient | undefined;

/** The process-wide Syllable client, configured from the validated environment. The only place the API key is used. */
export function getSyllable(): SyllableClient {
  if (!client) {
    const { baseUrl, apiKey, timeoutMs } = getConfig();
    client = createHttpSyllableClient({ baseUrl, apiKey, timeoutMs });
  }
  return client;
}
