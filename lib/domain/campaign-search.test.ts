import { describe, expect, it } from "vitest";
import { manyCampaignsMessage, matchCampaign } from "./campaign-search";

const campaigns = [
  { id: 3, campaign_name: "Payments reminders" },
  { id: 7, campaign_name: "Payday loans" },
  { id: 9, campaign_name: "Appointments" },
  { id: 12, campaign_name: "pay" },
];

describe("matchCampaign: a campaign by id or by name", () => {
  it.each([
    ["3", { kind: "id", id: 3 }],
    [" appointments ", { kind: "id", id: 9 }],
    ["APPOINT", { kind: "id", id: 9 }],
    ["pay", { kind: "id", id: 12 }], // the exact name wins over the names that contain it
    ["payd", { kind: "id", id: 7 }],
    ["nothing like it", { kind: "none" }],
  ])("%j", (text, expected) => expect(matchCampaign(text, campaigns)).toEqual(expected));

  it("several names contain it: the candidates, and a sentence naming them", () => {
    const m = matchCampaign("ay", campaigns);
    expect(m).toEqual({
      kind: "many",
      candidates: [
        { id: 12, name: "pay" },
        { id: 7, name: "Payday loans" },
        { id: 3, name: "Payments reminders" },
      ],
    });
    expect(manyCampaignsMessage("ay", m.kind === "many" ? m.candidates : [])).toBe(
      "3 campaigns match “ay”: pay (12), Payday loans (7), Payments reminders (3). Type more of the name, or the id.",
    );
  });
});
