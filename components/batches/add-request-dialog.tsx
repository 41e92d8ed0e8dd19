"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { lazyView, preloadOn } from "@/components/ui/lazy-view";

const AddRequestFormView = lazyView(() => import("./add-request-form").then((m) => m.AddRequestFormView));

/** Add one request: reference id, target and variables. */
export function AddRequestButton({ batchId }: { batchId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)} {...preloadOn(AddRequestFormView)}>
        Add request
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="Add one request"
        description="One contact: a reference id, an E.164 target, and optional variables."
      >
        <AddRequestFormView batchId={batchId} onDone={() => setOpen(false)} />
      </Dialog>
    </>
  );
}
