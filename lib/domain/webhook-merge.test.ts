import { describe, expect, it } from "vitest";
import type { Webhook } from "@/lib/schemas/syllable";
import { mergeWebhooks, webhooksApplied, webhookSummary } from "./webhook-merge";

const stored: Webhook[] = [
  { id: 1, url: "https://a.example/h", request_method: "POST", trigger_statuses: ["COMPLETED"], auth_value_keys: ["hmac_secret"], extra: "kept" },
  { id: 2, url: "https://b.example/h", request_method: "PUT", trigger_statuses: ["FAILED"], auth_value_keys: [] },
];
const S = "A".repeat(43) + "=";
const row = (w: Webhook) => ({ id: w.id, url: w.url, request_method: w.request_method as "POST", trigger_statuses: w.trigger_statuses as ["COMPLETED"] });

describe("mergeWebhooks", () => {
  it("keep sends the stored key as null (Syllable keeps it); unknown webhook keys ride along; nothing changed", () => {
    const m = mergeWebhooks(stored, stored.map(row));
    expect(m.changed).toBe(false);
    expect(m.input[0]).toEqual({
      id: 1,
      url: "https://a.example/h",
      request_method: "POST",
      trigger_statuses: ["COMPLETED"],
      auth_values: { hmac_secret: null },
      extra: "kept",
    });
    expect(m.input[1]!.auth_values).toBeNull();
  });

  it("replace sends the value (always a change); remove leaves the key out; a new webhook has no id", () => {
    const m = mergeWebhooks(stored, [
      { ...row(stored[0]!), hmac_secret: { action: "replace", value: S } },
      { ...row(stored[1]!), hmac_secret: { action: "remove" } },
      { url: "https://c.example/h", request_method: "PATCH", trigger_statuses: ["BUSY"] },
    ]);
    expect(m.changed).toBe(true);
    expect(m.input.map((w) => w.auth_values)).toEqual([{ hmac_secret: S }, null, null]);
    expect(m.input[2]).not.toHaveProperty("id");
    expect(mergeWebhooks(stored, [{ ...row(stored[0]!), hmac_secret: { action: "replace", value: S } }, row(stored[1]!)]).changed).toBe(true);
  });

  it("a left-out webhook is a change (it is removed); an unknown id is a field error on its row", () => {
    expect(mergeWebhooks(stored, [row(stored[0]!)]).changed).toBe(true);
    expect(mergeWebhooks(stored, [{ ...row(stored[0]!), id: 9 }]).errors).toEqual({ "webhooks.0.id": expect.stringContaining("no longer exists") });
  });
});

describe("webhooksApplied", () => {
  it("matches stored webhooks by id and new ones in order; a lost secret or a missing webhook is not applied", () => {
    const { input } = mergeWebhooks(stored, [
      row(stored[0]!),
      { url: "https://c.example/h", request_method: "POST", trigger_statuses: ["BUSY"], hmac_secret: { action: "replace", value: S } },
    ]);
    const after: Webhook[] = [
      stored[0]!,
      { id: 7, url: "https://c.example/h", request_method: "POST", trigger_statuses: ["BUSY"], auth_value_keys: ["hmac_secret"] },
    ];
    expect(webhooksApplied(stored, input, after)).toBe(true);
    expect(webhooksApplied(stored, input, [stored[0]!, { ...after[1]!, auth_value_keys: [] }])).toBe(false);
    expect(webhooksApplied(stored, input, [stored[0]!])).toBe(false);
    expect(webhooksApplied(stored, input, [{ ...stored[0]!, auth_value_keys: [] }, after[1]!])).toBe(false);
  });
});

it("webhookSummary names the secret's state, never a value", () => {
  expect(webhookSummary(stored[0]!)).toBe("POST https://a.example/h on COMPLETED (secret set)");
  expect(webhookSummary(stored[0]!, true)).toBe("POST https://a.example/h on COMPLETED (secret changed)");
  expect(webhookSummary(stored[1]!)).toBe("PUT https://b.example/h on FAILED (no secret)");
});
