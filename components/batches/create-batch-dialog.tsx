"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { lazyView, preloadOn } from "@/components/ui/lazy-view";
import type { CampaignOption } from "@/lib/schemas/batches";

const CreateBatchForm = lazyView(() => import("./create-batch-form").then((m) => m.CreateBatchForm));

/** "New batch": id, campaign, on hold by default, optional expiry and call rate. */
export function CreateBatchButton({ campaigns }: { campaigns: CampaignOption[] }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)} {...preloadOn(CreateBatchForm)}>
        New batch
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="New batch" description="A batch starts on hold so you can fill it before any outreach.">
        <CreateBatchForm campaigns={campaigns} onDone={() => setOpen(false)} />
      </Dialog>
    </>
  );
}
