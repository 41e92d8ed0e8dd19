import { describe, expect, it } from "vitest";
import { batchListParams, resultsParams } from "./batches";
import { campaignListParams } from "./campaigns";
import { BATCH_LIST_TABLE, CAMPAIGN_LIST_TABLE, parseTableUrl, RESULTS_TABLE } from "./table-url";

describe("one URL parser per table", () => {
  it("?limit=30 (not an offered size) means the default size for the query as for the table (it paged as 50 while the API sent 30)", () => {
    const sp = new URLSearchParams("limit=30&page=2");
    expect(parseTableUrl(sp, RESULTS_TABLE).pageSize).toBe(50);
    expect(resultsParams(sp)).toMatchObject({ limit: "50", page: "2" });
  });

  it.each([
    ["results", RESULTS_TABLE, resultsParams],
    ["batch list", BATCH_LIST_TABLE, batchListParams],
    ["campaign list", CAMPAIGN_LIST_TABLE, campaignListParams],
  ] as const)("the %s query asks for exactly the page and size its table shows, whatever the URL says", (_name, spec, toParams) => {
    for (const qs of ["", "page=0", "page=-3&limit=0", "page=2.5&limit=abc", "page=4&limit=100", "limit=250", "limit=10&page=9999", "page=3&limit=25"]) {
      const sp = new URLSearchParams(qs);
      const table = parseTableUrl(sp, spec);
      const params = toParams(sp);
      expect({ page: params.page, limit: params.limit }, qs).toEqual({ page: String(table.page), limit: String(table.pageSize) });
    }
  });

  it("reads server-page search params (arrays, empty strings) the same way as the browser's", () => {
    const server = { page: ["3", "9"], limit: "100", sort: "", dir: "desc" };
    expect(parseTableUrl(server, BATCH_LIST_TABLE)).toEqual(parseTableUrl(new URLSearchParams("page=3&limit=100&dir=desc"), BATCH_LIST_TABLE));
  });
});

describe("filters in the URL", () => {
  it("reads a table's own filter keys, an empty value as not set, and ignores keys of other tables", () => {
    const url = parseTableUrl(new URLSearchParams("status=FAILED&q=&channel=BUSY,NO-ANSWER&actor=x"), RESULTS_TABLE);
    expect(url.filters).toEqual({ status: "FAILED", channel: "BUSY,NO-ANSWER" });
    expect(resultsParams(new URLSearchParams("status=FAILED&q=&channel=BUSY"))).toEqual({ page: "1", limit: "50", status: "FAILED", channel_status: "BUSY" });
  });

  it("searches the batch list by batch id unless another field is named", () => {
    expect(batchListParams(new URLSearchParams("value=abc"))).toMatchObject({ search_field: "batch_id", search_value: "abc" });
    expect(batchListParams(new URLSearchParams("field=status&value=ACTIVE"))).toMatchObject({ search_field: "status", search_value: "ACTIVE" });
    expect(batchListParams(new URLSearchParams("field=status"))).not.toHaveProperty("search_field");
  });
});
