"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { lazyView, preloadOn } from "@/components/ui/lazy-view";

const CreateCampaignForm = lazyView(() => import("./create-campaign-form").then((m) => m.CreateCampaignForm));

/** "New campaign" (admins): name, mode, caller id, source, schedule, pacing, days. */
export function CreateCampaignButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)} {...preloadOn(CreateCampaignForm)}>
        New campaign
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="New campaign" description="Webhooks, variables and targeting can be added through the API.">
        {open && <CreateCampaignForm onDone={() => setOpen(false)} />}
      </Dialog>
    </>
  );
}
