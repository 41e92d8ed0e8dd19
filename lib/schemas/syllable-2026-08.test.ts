// The console follows Syllable's API description of August 2026 (../shared/syllable).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { outcomeLabel, statusColor } from "@/components/batches/status-colors";
import { makeBatchCreateSchema, makeBatchUpdateSchema } from "./batches";
import { voicemailDetectionPatchSchema } from "./campaigns";
import { batchSchema, CHANNEL_MANAGER_STATUSES } from "./syllable";

const doc = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, "../../../shared/syllable/outbound-openapi.json"), "utf8")) as {
  components: { schemas: Record<string, { enum?: string[] }> };
};
const now = () => new Date("2026-11-23T10:00:00Z");
const tomorrow = "2026-11-24T10:00:00Z";

describe("auto pacing in the console's schemas", () => {
  it("create: allowed with an expiry, refused without one at auto_call_rate", () => {
    const create = makeBatchCreateSchema(now);
    expect(create.parse({ batch_id: "b1", campaign_id: 1, expires_on: tomorrow, auto_call_rate: true }).auto_call_rate).toBe(true);
    expect(create.parse({ batch_id: "b1", campaign_id: 1 }).auto_call_rate).toBe(false);
    const refused = create.safeParse({ batch_id: "b1", campaign_id: 1, auto_call_rate: true });
    expect(refused.error?.issues[0]?.path).toEqual(["auto_call_rate"]);
  });

  it("update: turning it on while clearing the expiry is refused; on its own it is left to Syllable's check of the stored expiry", () => {
    const update = makeBatchUpdateSchema(now);
    expect(update.safeParse({ auto_call_rate: true, expires_on: null }).error?.issues[0]?.path).toEqual(["auto_call_rate"]);
    expect(update.parse({ auto_call_rate: true })).toEqual({ auto_call_rate: true });
    expect(update.parse({ auto_call_rate: false })).toEqual({ auto_call_rate: false });
  });

  it("the upstream batch keeps auto_call_rate and its baseline", () => {
    expect(batchSchema.parse({ batch_id: "b", campaign_id: 1, auto_call_rate: true, auto_call_rate_baseline: 25.5 })).toMatchObject({
      auto_call_rate: true,
      auto_call_rate_baseline: 25.5,
    });
  });
});

describe("voicemail v2 pre-speech timeout", () => {
  it("is a first-class, bounded field, no longer than the overall timeout", () => {
    expect(voicemailDetectionPatchSchema.safeParse({ voicemail_detection_v2_pre_speech_timeout: 2 }).success).toBe(true);
    expect(voicemailDetectionPatchSchema.safeParse({ voicemail_detection_v2_pre_speech_timeout: null }).success).toBe(true);
    expect(voicemailDetectionPatchSchema.safeParse({ voicemail_detection_v2_pre_speech_timeout: 0 }).success).toBe(false);
    expect(
      voicemailDetectionPatchSchema.safeParse({ voicemail_detection_overall_timeout: 5, voicemail_detection_v2_pre_speech_timeout: 9 }).error?.issues[0]?.path,
    ).toEqual(["voicemail_detection_v2_pre_speech_timeout"]);
  });
});

describe("channel-manager statuses", () => {
  it("match the API description's ChannelManagerStatus list exactly (NO_OUTCOME included)", () => {
    expect([...CHANNEL_MANAGER_STATUSES].sort()).toEqual([...(doc.components.schemas.ChannelManagerStatus?.enum ?? [])].sort());
    expect(CHANNEL_MANAGER_STATUSES).toContain("NO_OUTCOME");
  });

  it("NO_OUTCOME has a label and a colour that is not red", () => {
    expect(outcomeLabel("NO_OUTCOME")).toBe("No outcome");
    const red = ["#ef4444", "#dc2626", "#b91c1c"];
    expect(red).not.toContain(statusColor("NO_OUTCOME"));
    expect(statusColor("NO_OUTCOME")).not.toBe(statusColor("FAILED"));
  });
});
