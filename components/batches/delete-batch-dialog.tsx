"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { lazyView, preloadOn } from "@/components/ui/lazy-view";

const DeleteBatchForm = lazyView(() => import("./delete-batch-form").then((m) => m.DeleteBatchForm));

/** Delete, with a reason and the batch id typed to confirm. */
export function DeleteButton({ batchId }: { batchId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)} {...preloadOn(DeleteBatchForm)}>
        Delete
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Delete batch ${batchId}?`}
        description="Pending requests will not be dialed. This cannot be undone."
      >
        <DeleteBatchForm batchId={batchId} onDone={() => setOpen(false)} />
      </Dialog>
    </>
  );
}
