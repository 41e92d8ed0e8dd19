"use client";

import type { BatchDetailResponse } from "@/lib/schemas/batches";
import { AddRequestButton } from "./add-request-dialog";
import { SettingsButton } from "./batch-settings-dialog";
import { DeleteButton } from "./delete-batch-dialog";
import { HoldToggle } from "./hold-toggle";
import { UploadCsvButton } from "./upload-csv-dialog";

/** The manager/admin operations on one batch. Not rendered for supervisors (the API refuses them anyway). */
export function BatchActions({ batch, uploadMaxBytes }: { batch: BatchDetailResponse; uploadMaxBytes: number }) {
  const stopped = ["FAILED", "CANCELED", "EXPIRED"].includes((batch.status ?? "").toUpperCase());
  return (
    <div className="flex flex-wrap gap-2" role="group" aria-label="Batch operations">
      <HoldToggle batch={batch} disabled={stopped} />
      <SettingsButton batch={batch} />
      <UploadCsvButton batch={batch} maxBytes={uploadMaxBytes} />
      <AddRequestButton batchId={batch.batch_id} />
      <DeleteButton batchId={batch.batch_id} />
    </div>
  );
}
