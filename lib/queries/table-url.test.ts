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
