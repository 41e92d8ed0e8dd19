// /api/v1/outbound/campaigns/*: campaigns with full-replacement PUT.
import { Hono, type Context } from "hono";
import type { SandboxDeps } from "../context";
import { createCampaign, deleteCampaign, getCampaign, listCampaigns, replaceCampaign } from "../campaign-store";
import { CAMPAIGN_PROPERTIES, HttpError, campaignInputSchema, parseBody, parseIntParam, readJson } from "../validation";
import { inDateRange, listResponse, parseListParams } from "./list-params";

const CAMPAIGN_REQUIRED = ["campaign_name", "campaign_variables", "caller_id", "active_days", "id", "last_updated_by"] as const;

function matches(campaign: Record<string, unknown>, field: string, value: string): boolean {
  const needle = value.toLowerCase();
  const v = campaign[field];
  switch (field) {
    case "id":
      return String(v) === value;
    case "mode":
      return typeof v === "string" && v.toLowerCase() === needle;
    case "label":
    case "labels": {
      // Either field matches a campaign carrying that label (label is the deprecated single form).
      const labels = Array.isArray(campaign.labels) ? (campaign.labels as string[]) : [];
      const label = typeof campaign.label === "string" ? [campaign.label] : [];
      return [...labels, ...label].some((l) => l.toLowerCase() === needle);
    }
    case "campaign_variables":
    case "voicemail_detection":
      return v !== null && v !== undefined && JSON.stringify(v).toLowerCase().includes(needle);
    default:
      return typeof v === "string" && v.toLowerCase().includes(needle);
  }
}

export function campaignRoutes({ db, clock }: SandboxDeps): Hono {
  const app = new Hono();
  const idOf = (c: Context) => parseIntParam(c.req.param("campaign_id") ?? "", ["path", "campaign_id"]);
  const mustExist = (id: number) => {
    const campaign = getCampaign(db, id);
    if (!campaign) throw new HttpError(404, "Campaign not found");
    return campaign;
  };

  app.get("/", (c) => {
    const params = parseListParams(c, CAMPAIGN_PROPERTIES);
    const items = listCampaigns(db).filter((item) => inDateRange(item.created_at, params) && params.search.every((s) => matches(item, s.field, s.value)));
    return c.json(listResponse(items, params, { required: CAMPAIGN_REQUIRED, defaultKey: "id", defaultDir: "asc", tieKey: "id" }));
  });

  app.post("/", async (c) => {
    const input = parseBody(campaignInputSchema, await readJson(c.req.raw));
    const id = createCampaign(db, input, clock.nowIso());
    return c.json(mustExist(id));
  });

  app.get("/:campaign_id", (c) => c.json(mustExist(idOf(c))));

  app.put("/:campaign_id", async (c) => {
    const id = idOf(c);
    const input = parseBody(campaignInputSchema, await readJson(c.req.raw));
    mustExist(id);
    replaceCampaign(db, id, input, clock.nowIso());
    return c.json(mustExist(id));
  });

  app.delete("/:campaign_id", (c) => {
    const id = idOf(c);
    mustExist(id);
    deleteCampaign(db, id);
    return c.json({ id, deleted: true });
  });

  return app;
}
