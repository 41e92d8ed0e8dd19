import { describe, expect, it } from "vitest";
import { campaignPatchSchema, voicemailDetectionPatchSchema } from "@/lib/schemas/campaigns";
import { variablesFormSchema } from "@/lib/schemas/campaign-forms";
import type { Campaign } from "@/lib/schemas/syllable";
import { changedBetween, conflictFields, findNotApplied, mergePatch, toCampaignInput, webhookToInput } from "./campaign-merge";

const campaign = (): Campaign => ({
  id: 7,
  campaign_name: "Late payment reminders",
  description: "Overdue invoices",
  mode: "voice",
  sms_session_ttl: null,
  label: "billing",
  labels: ["billing", "reminders"],
  campaign_variables: { company_name: "Acme", support_line: "+18005550100" },
  daily_start_time: "13:00:00",
  daily_end_time: "21:00:00",
  source: "+19032900844",
  caller_id: 19032900844,
  hourly_rate: 120,
  max_daily_calls: 2000,
  retry_count: 2,
  retry_interval: "30m",
  active_days: ["mon", "tue", "wed", "thu", "fri"],
  voicemail_detection: { mode: "v2", voicemail_detection_overall_timeout: 30, legacy_beep_detection: true },
  allowed_line_types: ["mobile", "landline"],
  include_unknown_line_types: false,
  target_filters: { match: "any", on_unknown: "include", rules: [{ field: "line_type", op: "in", values: ["mobile"] }] },
  agent_id: null,
  created_at: "2025-01-01T00:00:00Z",
  updated_at: "2025-02-01T00:00:00Z",
  last_updated_by: "api-key-user",
  future_field: { nested: 1 },
  webhooks: [
    { id: 11, url: "https://example.com/a", request_method: "POST", trigger_statuses: ["COMPLETED"], auth_value_keys: ["hmac_secret"], signing: "v1" },
    { id: 12, url: "https://example.com/b", request_method: "PUT", trigger_statuses: ["FAILED"], auth_value_keys: [] },
  ],
});

describe("webhookToInput", () => {
  it("sends each stored secret key as null (keep) and drops auth_value_keys", () => {
    expect(webhookToInput(campaign().webhooks![0]!)).toEqual({
      id: 11,
      url: "https://example.com/a",
      request_method: "POST",
      trigger_statuses: ["COMPLETED"],
      auth_values: { hmac_secret: null },
      signing: "v1",
    });
    expect(webhookToInput(campaign().webhooks![1]!).auth_values).toBeNull();
  });
});

describe("toCampaignInput", () => {
  it("carries every input field and unknown key over, and no response-only field", () => {
    const input = toCampaignInput(campaign()) as Record<string, unknown>;
    for (const k of ["id", "created_at", "updated_at", "last_updated_by", "agent_id"]) expect(input).not.toHaveProperty(k);
    expect(input.caller_id).toBe("19032900844");
    expect(input.target_filters).toEqual(campaign().target_filters);
    expect(input.allowed_line_types).toEqual(["mobile", "landline"]);
    expect(input.include_unknown_line_types).toBe(false);
    expect(input.max_daily_calls).toBe(2000);
    expect(input.label).toBe("billing");
    expect(input.sms_session_ttl).toBeNull();
    expect(input.future_field).toEqual({ nested: 1 });
    expect(input.voicemail_detection).toEqual({ mode: "v2", voicemail_detection_overall_timeout: 30, legacy_beep_detection: true });
    expect(input.webhooks).toHaveLength(2);
  });

  it("leaves non-nullable fields out rather than sending null", () => {
    const input = toCampaignInput({ ...campaign(), hourly_rate: null, retry_count: null }) as Record<string, unknown>;
    expect(input).not.toHaveProperty("hourly_rate");
    expect(input).not.toHaveProperty("retry_count");
  });

  it("does not share objects with the campaign it came from", () => {
    const c = campaign();
    const input = toCampaignInput(c);
    input.campaign_variables.x = "y";
    expect(c.campaign_variables).not.toHaveProperty("x");
  });
});

describe("mergePatch", () => {
  it("changes only the patched fields and normalises times", () => {
    const { input, changed, errors } = mergePatch(campaign(), { daily_start_time: "08:30", active_days: ["sat"] });
    expect(errors).toEqual({});
    expect(changed).toEqual(["daily_start_time", "active_days"]);
    const rec = input as Record<string, unknown>;
    expect(rec.daily_start_time).toBe("08:30:00");
    expect(rec.active_days).toEqual(["sat"]);
    expect(rec.daily_end_time).toBe("21:00:00");
    expect(rec.webhooks).toEqual([
      expect.objectContaining({ id: 11, auth_values: { hmac_secret: null } }),
      expect.objectContaining({ id: 12, auth_values: null }),
    ]);
    expect(rec.target_filters).toEqual(campaign().target_filters);
  });

  it("merges voicemail fields into the stored object so unknown keys survive", () => {
    const { input, changed } = mergePatch(campaign(), { voicemail_detection: { voicemail_detection_overall_timeout: 45, mode: "v1" } });
    expect(changed).toEqual(["voicemail_detection"]);
    expect(input.voicemail_detection).toEqual({ mode: "v1", voicemail_detection_overall_timeout: 45, legacy_beep_detection: true });
  });

  it("turns voicemail detection off with null", () => {
    expect(mergePatch(campaign(), { voicemail_detection: null }).input.voicemail_detection).toBeNull();
  });

  it("reports no change when the value is the same", () => {
    expect(mergePatch(campaign(), { daily_start_time: "13:00", hourly_rate: 120 }).changed).toEqual([]);
  });

  it("rejects an end time equal to the stored start time; a window across midnight is fine", () => {
    expect(mergePatch(campaign(), { daily_end_time: "13:00" }).errors).toEqual({
      daily_end_time: "The end time must differ from the start time (a window may cross midnight, e.g. 22:00–06:00).",
    });
    expect(mergePatch(campaign(), { daily_start_time: "21:00" }).errors).toHaveProperty("daily_start_time");
    expect(mergePatch(campaign(), { daily_start_time: "22:00", daily_end_time: "06:00" }).errors).toEqual({});
  });
});

describe("conflicts and read-back", () => {
  it("names exactly the fields changed since the loaded version", () => {
    const base = campaign();
    const current = { ...campaign(), updated_at: "2025-03-01T00:00:00Z", hourly_rate: 300, labels: ["x"] };
    expect(changedBetween(base, current)).toEqual(["hourly_rate", "labels"]);
    expect(Object.keys(conflictFields(base, current, { daily_start_time: "08:00" }))).toEqual(["hourly_rate", "labels"]);
    expect(conflictFields(base, current, {}).hourly_rate).toContain("300");
  });

  it("without the loaded version, names the patched fields that differ", () => {
    const current = { ...campaign(), hourly_rate: 300 };
    expect(Object.keys(conflictFields(undefined, current, { hourly_rate: 50, retry_count: 2 }))).toEqual(["hourly_rate"]);
  });

  it("finds a changed field that did not stick and a carried field that was lost", () => {
    const before = campaign();
    const { input, changed } = mergePatch(before, { hourly_rate: 50, daily_start_time: "09:00" });
    const after = { ...campaign(), updated_at: "x", hourly_rate: 120, daily_start_time: "09:00:00", target_filters: null };
    expect(findNotApplied(before, input, changed, after).sort()).toEqual(["hourly_rate", "target_filters"]);
  });

  it("finds nothing when everything stuck", () => {
    const before = campaign();
    const { input, changed } = mergePatch(before, { voicemail_detection: { voicemail_detection_overall_timeout: 40 } });
    const after = { ...campaign(), updated_at: "y", voicemail_detection: { ...before.voicemail_detection, voicemail_detection_overall_timeout: 40 } };
    expect(findNotApplied(before, input, changed, after)).toEqual([]);
  });
});

describe("schemas", () => {
  const ok = { expected_updated_at: "t" };
  it.each([
    ["daily_start_time", "25:00"],
    ["daily_end_time", "9am"],
    ["active_days", []],
    ["active_days", ["funday"]],
    ["hourly_rate", 0],
    ["hourly_rate", 3601],
    ["hourly_rate", 1.5],
    ["max_daily_calls", 0],
    ["retry_count", -1],
    ["retry_interval", "30 minutes"],
    ["caller_id", "5125551234"],
    ["source", "+0123"],
    ["labels", [""]],
    ["description", "x".repeat(2001)],
    ["campaign_variables", { "1bad": "v" }],
    ["agent_id", 3],
    ["sms_session_ttl", 0],
    ["webhooks", [{ url: "http://example.com/plain", request_method: "POST", trigger_statuses: ["COMPLETED"] }]],
    ["webhooks", [{ url: "https://example.com/a", request_method: "GET", trigger_statuses: ["COMPLETED"] }]],
    ["webhooks", [{ url: "https://example.com/a", request_method: "POST", trigger_statuses: [] }]],
    ["webhooks", [{ url: "https://example.com/a", request_method: "POST", trigger_statuses: ["ANSWERED"] }]],
    ["webhooks", [{ url: "https://example.com/a", request_method: "POST", trigger_statuses: ["BUSY"], hmac_secret: { action: "replace", value: "c2hvcnQ=" } }]],
    ["webhooks", [{ url: "https://example.com/a", request_method: "POST", trigger_statuses: ["BUSY"], hmac_secret: { action: "replace" } }]],
    ["allowed_line_types", ["fax"]],
    ["include_unknown_line_types", "yes"],
    ["target_filters", { match: "all", on_unknown: "include", rules: [{ field: "line_type", op: "in", values: [] }] }],
    ["target_filters", { match: "all", on_unknown: "include", rules: [{ field: "mcc", op: "eq", values: ["310", "311"] }] }],
    ["target_filters", { match: "all", on_unknown: "include", rules: [{ field: "mnc", op: "exists", values: ["x"] }] }],
    ["target_filters", { match: "most", on_unknown: "include", rules: [] }],
  ])("refuses %s = %j with a field error", (field, value) => {
    const r = campaignPatchSchema.safeParse({ ...ok, [field]: value });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join(".") || "_").some((p) => p.startsWith(field) || p === "_")).toBe(true);
  });

  it("accepts a valid patch and refuses an empty one", () => {
    expect(campaignPatchSchema.safeParse({ ...ok, daily_start_time: "08:00", daily_end_time: "17:00:00", retry_interval: "12h" }).success).toBe(true);
    expect(campaignPatchSchema.safeParse(ok).success).toBe(false);
    expect(campaignPatchSchema.safeParse({ ...ok, daily_start_time: "17:00", daily_end_time: "17:00:00" }).error?.issues[0]?.path).toEqual(["daily_end_time"]);
    expect(campaignPatchSchema.safeParse({ ...ok, daily_start_time: "22:00", daily_end_time: "06:00" }).success).toBe(true); // across midnight
  });

  it("bounds voicemail timeouts and checks them against the overall timeout", () => {
    expect(voicemailDetectionPatchSchema.safeParse({ voicemail_detection_overall_timeout: 0 }).success).toBe(false);
    expect(voicemailDetectionPatchSchema.safeParse({ voicemail_detection_overall_timeout: 500 }).success).toBe(false);
    expect(voicemailDetectionPatchSchema.safeParse({ mode: "v3" }).success).toBe(false);
    expect(
      voicemailDetectionPatchSchema.safeParse({ voicemail_detection_overall_timeout: 5, voicemail_detection_pre_speech_timeout: 8 }).error?.issues[0]?.path,
    ).toEqual(["voicemail_detection_pre_speech_timeout"]);
  });

  it("accepts and keeps voicemail keys it does not know, as Syllable does (sending back what GET returned works)", () => {
    const parsed = voicemailDetectionPatchSchema.safeParse({ mode: "v1", legacy_beep_detection: true, vendor_hint: "x" });
    expect(parsed.success).toBe(true);
    expect(parsed.data).toMatchObject({ legacy_beep_detection: true, vendor_hint: "x" });
    // Only plain values: an unknown key cannot smuggle in a structure.
    expect(voicemailDetectionPatchSchema.safeParse({ legacy_beep_detection: { deep: [1] } }).success).toBe(false);
  });

  it("the variables form schema flags duplicate variable names on the row", () => {
    const r = variablesFormSchema.safeParse({
      campaign_variables: [
        { key: "a", value: "1" },
        { key: "a", value: "2" },
      ],
    });
    expect(r.error?.issues.map((i) => i.path.join("."))).toEqual(["campaign_variables.1.key"]);
  });
});
