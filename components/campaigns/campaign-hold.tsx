"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { lazyView, preloadOn } from "@/components/ui/lazy-view";

const CampaignHoldForm = lazyView(() => import("./campaign-hold-form").then((m) => m.CampaignHoldForm));

/**
 * "Stop campaign" (every running batch on hold at once, when something goes wrong: a wrong
 * script, a complaint) and "Resume campaign" (releases exactly the holds the stop made).
 */
export function CampaignHoldButtons({ campaignId }: { campaignId: number }) {
  const [which, setWhich] = useState<"stop" | "resume" | null>(null);
  return (
    <>
      <div className="flex gap-2" role="group" aria-label="Campaign dialing">
        <Button variant="danger" onClick={() => setWhich("stop")} {...preloadOn(CampaignHoldForm)}>
          Stop campaign
        </Button>
        <Button variant="secondary" onClick={() => setWhich("resume")} {...preloadOn(CampaignHoldForm)}>
          Resume campaign
        </Button>
      </div>
      <Dialog
        open={which !== null}
        onClose={() => setWhich(null)}
        title={which === "stop" ? "Stop every running batch of this campaign?" : "Resume the batches the stop put on hold?"}
        description={
          which === "stop"
            ? "Each active or pending batch is put on hold; batches already on hold stay as they are. Resume campaign undoes exactly these holds."
            : "Only batches held by Stop campaign, and still on hold, are resumed; batches put on hold for other reasons stay on hold."
        }
      >
        {which && <CampaignHoldForm campaignId={campaignId} which={which} onDone={() => setWhich(null)} />}
      </Dialog>
    </>
  );
}
