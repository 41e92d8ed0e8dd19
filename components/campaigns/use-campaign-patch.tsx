"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { Field, Input } from "@/components/ui/field";
import { toast } from "@/components/ui/toast";
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
  const [reason, setReason] = useState("");
  const reasonId = useId();
  const mutation = useMutation({
    mutationFn: (vars: { changes: Changes; expectedUpdatedAt: string }) =>
      patchCampaign(base.id, { ...vars.changes, expected_updated_at: vars.expectedUpdatedAt }),
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
      if (result.overwritten.length) {
        reportOverwritten(result, (changes) => mutation.mutate({ changes, expectedUpdatedAt: result.campaign.updated_at ?? "" }));
      } else if (result.not_applied.length) {
        toast.warning(`Saved, but Syllable did not keep: ${result.not_applied.map((f) => FIELD_LABELS[f] ?? f).join(", ")}. Check the campaign.`, {
          duration: 15_000,
        });
      } else {
        toast.success(result.changed.length ? "Campaign saved." : "Nothing had changed.");
      }
      if (result.kept_theirs.length) {
        toast.info(`Someone else had changed ${labels(result.kept_theirs)}; their change was kept alongside yours.`, { duration: 15_000 });
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
        // The notice renders at the top of the form while the person looks at Save: say it there too.
        toast.error("Not saved: someone else changed this campaign. See the notice above the form.");
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
    /** Sends the changes (with the reason, when one was given: it goes to the audit log). */
    save: (changes: Changes) =>
      mutation.mutate({ changes: reason.trim() ? { ...changes, reason: reason.trim() } : changes, expectedUpdatedAt: base.updated_at ?? "" }),
    /** "Reason for the change (optional)", recorded with the audit entry. */
    reasonField: (
      <Field id={reasonId} label="Reason for the change (optional)" hint="Kept in the audit log with what changed.">
        <Input
          id={reasonId}
          aria-describedby={`${reasonId}-hint`}
          value={reason}
          maxLength={500}
          onChange={(e) => setReason(e.target.value)}
          placeholder="e.g. client asked for later calls"
        />
      </Field>
    ),
    /**
     * The conflict notice (nothing without a conflict). "Keep theirs" hands the current campaign
     * and the clashing fields to `reloadForm` (the form moves onto their version, keeping the
     * person's other edits) and clears the conflict.
     */
    conflictNotice: (reloadForm: (current: Campaign, clash: string[]) => void) =>
      conflict ? (
        <ConflictNotice
          conflict={conflict}
          busy={mutation.isPending}
          onReload={() => {
            if (!conflict.current) return;
            reloadForm(conflict.current, Object.keys(conflict.fields));
            setConflict(null);
          }}
          onOverwrite={() => {
            if (conflict.current) mutation.mutate({ changes: conflict.changes, expectedUpdatedAt: conflict.current.updated_at ?? "" });
          }}
        />
      ) : null,
  };
}

const labels = (fields: string[]) => fields.map((f) => FIELD_LABELS[f] ?? f).join(", ");
/** A value in the conflict table: webhooks only as a count (they may hold secrets), times as HH:MM. */
function conflictValue(field: string, v: unknown): string {
  if (field === "webhooks") return Array.isArray(v) ? `${v.length} webhook${v.length === 1 ? "" : "s"}` : "—";
  if (typeof v === "string" && /^\d\d:\d\d:00$/.test(v)) return v.slice(0, 5);
  return Array.isArray(v) ? v.join(", ") || "none" : shownValue(v);
}
const shownValue = (v: unknown) => (v === null || v === undefined ? "empty" : typeof v === "object" ? JSON.stringify(v) : String(v));

/**
 * Changes of ours that another writer replaced right after the save: both values, and one click
 * to apply ours again (a normal safe write against the version now stored). Stays until dismissed.
 */
function reportOverwritten(result: CampaignUpdateResponse, reapply: (changes: Changes) => void) {
  const what = result.overwritten.map((o) => `${FIELD_LABELS[o.field] ?? o.field}: yours ${shownValue(o.yours)}, now ${shownValue(o.theirs)}`).join("; ");
  toast.warning(`Someone else changed ${labels(result.overwritten.map((o) => o.field))} right after you saved.`, {
    description: what,
    duration: Infinity,
    closeButton: true,
    action: {
      label: "Apply mine again",
      onClick: () => reapply(Object.fromEntries(result.overwritten.map((o) => [o.field, o.yours]))),
    },
  });
}

/** Shows what someone else changed meanwhile, and the two ways out; scrolled to and focused when it appears. */
export function ConflictNotice({
  conflict,
  onReload,
  onOverwrite,
  busy,
}: {
  conflict: Conflict;
  onReload: () => void;
  onOverwrite: () => void;
  busy?: boolean;
}) {
  const entries = Object.entries(conflict.fields);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.scrollIntoView({ block: "center", behavior: "smooth" });
    ref.current?.focus({ preventScroll: true });
  }, [conflict]);
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 outline-none focus-visible:ring-2 focus-visible:ring-amber-500"
    >
      <p className="font-medium">{conflict.message}</p>
      {entries.length > 0 && (
        <table className="w-full border-collapse text-left text-sm" aria-label="Fields changed by someone else">
          <thead>
            <tr className="border-b border-amber-300">
              <th scope="col" className="py-1 pr-3 font-medium">
                Field
              </th>
              <th scope="col" className="py-1 pr-3 font-medium">
                Theirs (saved now)
              </th>
              <th scope="col" className="py-1 font-medium">
                Yours
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map(([field, msg]) => (
              <tr key={field} className="align-top">
                <th scope="row" className="py-1 pr-3 font-semibold">
                  {FIELD_LABELS[field] ?? field}
                </th>
                <td className="break-all py-1 pr-3">{conflict.current ? conflictValue(field, (conflict.current as Record<string, unknown>)[field]) : msg}</td>
                <td className="break-all py-1">
                  {field in conflict.changes ? conflictValue(field, (conflict.changes as Record<string, unknown>)[field]) : "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="text-xs">Your other changes are kept in the form either way.</p>
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" size="sm" onClick={onReload} disabled={!conflict.current}>
          Keep theirs for these fields
        </Button>
        <Button variant="danger" size="sm" onClick={onOverwrite} busy={busy} disabled={!conflict.current}>
          Overwrite with mine
        </Button>
      </div>
    </div>
  );
}
