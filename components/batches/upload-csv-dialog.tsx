"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { lazyView, preloadOn } from "@/components/ui/lazy-view";
import type { UploadTarget } from "./upload-csv-form";

const UploadForm = lazyView(() => import("./upload-csv-form").then((m) => m.UploadForm));

/** Upload a CSV: parse and preview in the browser first, send only on confirm, with upload progress. */
/** `maxBytes` is the server's UPLOAD_MAX_MB, so the instant check here agrees with the server's. */
export function UploadCsvButton({ batch, maxBytes }: { batch: UploadTarget; maxBytes: number }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)} {...preloadOn(UploadForm)}>
        Upload CSV
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="Upload contacts (CSV)"
        description="Columns reference_id and target (E.164); every other column becomes a request variable."
        className="max-w-2xl"
      >
        <UploadForm batch={batch} maxBytes={maxBytes} onDone={() => setOpen(false)} />
      </Dialog>
    </>
  );
}
