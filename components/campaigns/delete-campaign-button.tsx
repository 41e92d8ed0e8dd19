"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { describedBy, Field, Input } from "@/components/ui/field";
import { toast } from "@/components/ui/toast";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ApiClientError } from "@/lib/queries/api-fetch";
import { campaignKeys, deleteCampaign } from "@/lib/queries/campaigns";
import type { Campaign } from "@/lib/schemas/syllable";

/** Delete (admins): type the name to confirm; with active batches, an extra acknowledgement is required. */
export function DeleteCampaignButton({ campaign, activeBatches }: { campaign: Campaign; activeBatches: number | null }) {
  const [open, setOpen] = useState(false);
  const [ack, setAck] = useState(false);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | undefined>();
  const reasonId = useId();
  // The server may know of active batches the page did not (a batch started meanwhile).
  const [serverActive, setServerActive] = useState<string | null>(null);
  const needsAck = (activeBatches ?? 0) > 0 || serverActive !== null;
  const qc = useQueryClient();
  const router = useRouter();
  const mutation = useMutation({
    mutationFn: () => deleteCampaign(campaign.id, reason.trim(), ack),
    onSuccess: () => {
      toast.success(`Campaign "${campaign.campaign_name}" deleted.`);
      qc.removeQueries({ queryKey: campaignKeys.detail(campaign.id) });
      void qc.invalidateQueries({ queryKey: campaignKeys.lists() });
      setOpen(false);
      router.push("/campaigns");
    },
    onError: (err) => {
      if (err instanceof ApiClientError && err.status === 409) setServerActive(err.message);
      else if (err instanceof ApiClientError && err.fields.reason) setReasonError(err.fields.reason);
      else toast.error(err.message);
    },
  });
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Delete campaign
      </Button>
      <ConfirmDialog
        open={open}
        onClose={() => {
          // Closing starts over: a reopened dialog asks again, without the last reason or error.
          setOpen(false);
          setAck(false);
          setReason("");
          setReasonError(undefined);
        }}
        onConfirm={() => {
          if (reason.trim().length < 3) return setReasonError("Give a reason (at least 3 characters).");
          if (needsAck && !ack) return;
          mutation.mutate();
        }}
        title={`Delete "${campaign.campaign_name}"?`}
        description="This removes the campaign, its webhooks and their secrets from Syllable. It cannot be undone."
        confirmLabel="Delete campaign"
        destructive
        busy={mutation.isPending}
        typeToConfirm={campaign.campaign_name}
      >
        <Field id={reasonId} label="Reason" hint="Required; kept in the audit log." error={reasonError}>
          <Input
            {...describedBy(reasonId, reasonError)}
            value={reason}
            maxLength={500}
            onChange={(e) => {
              setReason(e.target.value);
              setReasonError(undefined);
            }}
            placeholder="e.g. replaced by the Q1 campaign"
          />
        </Field>
        {needsAck && (
          <div role="alert" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
            <p>{serverActive ?? `This campaign has ${activeBatches} active batch${activeBatches === 1 ? "" : "es"} (pending, active or paused).`}</p>
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={ack} onChange={(e) => setAck(e.target.checked)} />
              Delete it anyway, with its active batches
            </label>
          </div>
        )}
      </ConfirmDialog>
    </>
  );
}
