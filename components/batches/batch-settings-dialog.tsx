"use client";

import { useState } from "react";
import { toast } from "@/components/ui/toast";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { lazyView, preloadOn } from "@/components/ui/lazy-view";
import { usePatchBatch } from "@/lib/queries/batch-writes";
import type { BatchDetailResponse } from "@/lib/schemas/batches";

const SettingsForm = lazyView(() => import("./batch-settings-form").then((m) => m.SettingsForm));

/** "Expiry & rate": expiry, call rate and auto pacing in one dialog. */
export function SettingsButton({ batch }: { batch: BatchDetailResponse }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)} {...preloadOn(SettingsForm)}>
        Expiry &amp; rate
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Expiry and call rate" description="Times in UTC.">
        <SettingsForm batch={batch} onDone={() => setOpen(false)} />
      </Dialog>
    </>
  );
}

/** The one-click answer to "won't finish before the expiry": let Syllable pace the batch to finish by it. */
export function TurnOnAutoPacingButton({ batchId }: { batchId: string }) {
  const patch = usePatchBatch(batchId);
  // mutateAsync, not mutate's callbacks: the pushed batch state can remove this button (the
  // warning is gone) before the answer arrives, and callbacks of an unmounted caller never run.
  const turnOn = () =>
    patch.mutateAsync({ auto_call_rate: true }).then(
      () => toast.success("Auto pacing on: Syllable paces the batch to finish by its expiry."),
      (err: Error) => toast.error(err.message),
    );
  return (
    <Button size="sm" variant="secondary" busy={patch.isPending} onClick={turnOn}>
      Finish by the expiry automatically
    </Button>
  );
}
