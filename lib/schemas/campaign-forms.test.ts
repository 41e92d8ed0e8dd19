import { describe, expect, it } from "vitest";
import type { Campaign } from "./syllable";
import { isHmacSecret } from "./campaigns";
import { targetingFormDefaults, targetingFormSchema, targetingPatchFrom, webhooksFormDefaults, webhooksFormSchema, webhooksPatchFrom } from "./campaign-forms";

const campaign = {
  id: 1,
  campaign_name: "c",
  allowed_line_types: ["mobile"],
  include_unknown_line_types: false,
  target_filters: { match: "any", on_unknown: "exclude", rules: [{ field: "carrier_name", op: "in", values: ["Onvoy, LLC - Sinch", "Other"] }] },
  webhooks: [{ id: 5, url: "https://a.example/h", request_method: "POST", trigger_statuses: ["COMPLETED"], auth_value_keys: ["hmac_secret"] }],
} as Campaign;

describe("webhooks form", () => {
  const initial = webhooksFormDefaults(campaign);
  it("starts with each secret on keep and no value (a secret is never read back)", () => {
    expect(initial.webhooks[0]).toMatchObject({ id: 5, has_secret: true, secret_action: "keep", secret_value: "" });
  });
  it("unchanged is nothing to send; a replaced secret or an edit sends the whole list", () => {
    expect(webhooksPatchFrom(initial, structuredClone(initial))).toEqual({});
    const replaced = structuredClone(initial);
    replaced.webhooks[0]!.secret_action = "replace";
    replaced.webhooks[0]!.secret_value = ` ${"B".repeat(43)}= `;
    expect(webhooksPatchFrom(initial, replaced).webhooks).toEqual([
      {
        id: 5,
        url: "https://a.example/h",
        request_method: "POST",
        trigger_statuses: ["COMPLETED"],
        hmac_secret: { action: "replace", value: `${"B".repeat(43)}=` },
      },
    ]);
    const removed = structuredClone(initial);
    removed.webhooks[0]!.secret_action = "remove";
    expect(webhooksPatchFrom(initial, removed).webhooks![0]!.hmac_secret).toEqual({ action: "remove" });
  });
  it("replace needs a valid secret, named on the row", () => {
    const bad = structuredClone(initial);
    bad.webhooks[0]!.secret_action = "replace";
    bad.webhooks[0]!.secret_value = "short";
    expect(webhooksFormSchema.safeParse(bad).error?.issues.map((i) => i.path.join("."))).toEqual(["webhooks.0.secret_value"]);
  });
});

describe("targeting form", () => {
  const initial = targetingFormDefaults(campaign);
  it("values one per line, so carrier names keep their commas", () => {
    expect(initial.rules[0]!.values_text).toBe("Onvoy, LLC - Sinch\nOther");
    expect(targetingPatchFrom(initial, structuredClone(initial))).toEqual({});
  });
  it("turning filters off sends null; no line type ticked sends null (no filter); exists sends no values", () => {
    expect(targetingPatchFrom(initial, { ...initial, use_filters: false, allowed_line_types: [] })).toEqual({ target_filters: null, allowed_line_types: null });
    const exists = { ...initial, rules: [{ field: "mnc", op: "exists" as const, values_text: "left over" }] };
    expect(targetingPatchFrom(initial, exists).target_filters).toEqual({
      match: "any",
      on_unknown: "exclude",
      rules: [{ field: "mnc", op: "exists", values: [] }],
    });
  });
  it("an 'equals' rule with two values is an error on its values", () => {
    const r = targetingFormSchema.safeParse({ ...initial, rules: [{ field: "mcc", op: "eq", values_text: "310\n311" }] });
    expect(r.error?.issues.map((i) => i.path.join("."))).toEqual(["rules.0.values_text"]);
  });
});

describe("isHmacSecret (counted from the text, as the browser must)", () => {
  it("agrees with decoding by Buffer on lengths around the 32 and 512 byte bounds", () => {
    for (const bytes of [0, 31, 32, 33, 100, 511, 512, 513]) {
      const text = Buffer.alloc(bytes, 0xab).toString("base64");
      expect(isHmacSecret(text), `${bytes} bytes`).toBe(bytes >= 32 && bytes <= 512);
    }
    expect(isHmacSecret("A".repeat(43))).toBe(false); // not padded to a multiple of 4
    expect(isHmacSecret("-".repeat(44))).toBe(false); // URL-safe alphabet is not standard Base64
  });
});
