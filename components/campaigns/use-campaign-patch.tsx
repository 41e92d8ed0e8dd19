"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ApiClientError } from "@/lib/queries/api-fetch";
import { campaignDetailQueryOptions, campaignKeys, patchCampaign, type CampaignDetailResponse } from "@/lib/queries/campaigns";
import { type CampaignPatch, type CampaignUpdateResponse } from "@/lib/schemas/campaigns";
import { FIELD_LABELS } from "@/lib/schemas/campaign-labels";
import { campaignSchema, type Campaign } from "@/lib/schemas/syllable";

type Changes = Omit<CampaignPatch, "expected_updated_at">;
export type Conflict = { message: string; fields: Record<string, string>; changes: Changes; current: Campaign | null };

/**
 * Sends a campaign edit with the updated_at of the version the editor opened (`base`). On 409 it
 * takes the current version from the answer and exposes a Conflict: the form then offers "reload theirs" or
 * "overwrite with mine" (= resend with the current updated_at).
 */
export function useCampaignPatch(base: Campaign, onSaved: (result: CampaignUpdateResponse) => void, onInvalid: (err: ApiClientError) => void) {
  const qc = useQueryClient();
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const mutation = useMutation({
    mutationFn: (vars: { changes: Changes; expectedUpdatedAt: string }) =>
      patchCampaign(base.id, { ...vars.changes, expected_updated_at: vars.expectedUpdatedAt } as CampaignPatch),
    onSuccess: (result) => {
      setConflict(null);
      // The answer is the campaign as read back (and who changed it): store it; only the lists
      // (names, schedules in rows) need a refetch, not the detail just stored.
      qc.setQueryData<CampaignDetailResponse>(campaignKeys.detail(base.id), (old) => ({
        batch_counts: null,
        ...old,
        campaign: result.campaign,
        ...(result.console_change ? { console_change: result.console_change } : {}),
      }));
      void qc.invalidateQueries({ queryKey: campaignKeys.lists() });
      if (result.not_applied.length) {
        toast.warning(`Saved, but Syllable did not keep: ${result.not_applied.map((f) => FIELD_LABELS[f] ?? f).join(", ")}. Check the campaign.`, { duration: 15_000 });
      } else {
        toast.success(result.changed.length ? "Campaign saved." : "Nothing had changed.");
      }
      onSaved(result);
    },
    onError: async (err, vars) => {
      if (err instanceof ApiClientError && err.status === 409) {
        // The 409 carries the current campaign; fetch it only if it is somehow missing.
        const parsed = campaignSchema.safeParse((err.body as { current?: unknown } | null)?.current);
        let current: Campaign | null = parsed.success ? parsed.data : null;
        if (!current) {
          try {
            current = (await qc.fetchQuery({ ...campaignDetailQueryOptions(base.id), staleTime: 0 })).campaign;
          } catch {
            current = null;
          }
        }
        setConflict({ message: err.message, fields: err.fields, changes: vars.changes, current });
      } else if (err instanceof ApiClientError && err.status === 422) {
        onInvalid(err);
      } else {
        toast.error(err.message);
      }
    },
  });

  return {
    mutation,
    conflict,
    save: (changes: Changes) => mutation.mutate({ changes, expectedUpdatedAt: base.updated_at ?? "" }),
    /**
     * The conflict notice (nothing without a conflict). "Reload theirs" hands the current campaign
     * to `reloadForm` (the form resets itself to it) and clears the conflict.
     */
    conflictNotice: (reloadForm: (current: Campaign) => void) =>
      conflict ? (
        <ConflictNotice
          conflict={conflict}
          busy={mutation.isPending}
          onReload={() => {
            if (!conflict.current) return;
            reloadForm(conflict.current);
            setConflict(null);
          }}
          onOverwrite={() => {
            if (conflict.current) mutation.mutate({ changes: conflict.changes, expectedUpdatedAt: conflict.current.updated_at ?? "" });
          }}
        />
      ) : null,
  };
}

/** Shows what someone else changed meanwhile, and the two ways out. */
export function ConflictNotice({ conflict, onReload, onOverwrite, busy }: { conflict: Conflict; onReload: () => void; onOverwrite: () => void; busy?: boolean }) {
  const entries = Object.entries(conflict.fields);
  return (
    <div role="alert" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
      <p className="font-medium">{conflict.message}</p>
      {entries.length > 0 && (
        <ul className="list-disc pl-5" aria-label="Fields changed by someone else">
          {entries.map(([field, msg]) => (
            <li key={field}>
              <strong>{FIELD_LABELS[field] ?? field}</strong>: {msg}
            </li>
          ))}
        </ul>
      )}
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" size="sm" onClick={onReload}>
          Reload their version
        </Button>
        <Button variant="danger" size="sm" onClick={onOverwrite} busy={busy} disabled={!conflict.current}>
          Overwrite with my changes
        </Button>
      </div>
    </div>
  );
}
