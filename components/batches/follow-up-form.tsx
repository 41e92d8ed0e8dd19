"use client";

// "Create follow-up batch" (loaded when its dialog opens): counts what the results filter would
// put into a new batch (a dry run on the server), takes the id, campaign and expiry, and creates
// the follow-up on hold; the server builds and uploads its contacts.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Input, Select } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { Spinner } from "@/components/ui/spinner";
import { toast } from "@/components/ui/toast";
import { FormErrorAlert } from "@/components/forms/form-error-alert";
import { EXCLUSION_REASONS, proposeFollowUpId, type ExclusionReason } from "@/lib/domain/follow-up";
import { ApiClientError, apiFetch } from "@/lib/queries/api-fetch";
import { batchKeys } from "@/lib/queries/batches";
import { campaignListQueryOptions } from "@/lib/queries/campaigns";
import type { FollowUpResponse } from "@/lib/schemas/batches";
import { DateTimeUtcInput } from "./datetime-utc-input";
import { outcomeLabel } from "./status-colors";

export type FollowUpFilter = { status?: string; channel_status?: string[]; insights_status?: string; q?: string };
const n = (v: number) => v.toLocaleString("en-US");

/** "status FAILED, outcome No answer or Busy": the filter in words. */
export function describeFilter(f: FollowUpFilter): string {
  const parts = [
    f.status ? `status ${f.status}` : "",
    f.channel_status?.length ? `outcome ${f.channel_status.map(outcomeLabel).join(" or ")}` : "",
    f.insights_status ? `insights ${f.insights_status}` : "",
    f.q ? `matching “${f.q}”` : "",
  ].filter(Boolean);
  return parts.length ? parts.join(", ") : "every result";
}

export function FollowUpForm({ sourceId, campaignId, filter, onDone }: { sourceId: string; campaignId: number; filter: FollowUpFilter; onDone: () => void }) {
  const router = useRouter();
  const qc = useQueryClient();
  const [batchId, setBatchId] = useState(() => proposeFollowUpId(sourceId));
  const [campaign, setCampaign] = useState(campaignId);
  const [expiresOn, setExpiresOn] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string[]>([]);
  const path = `/api/batches/${encodeURIComponent(sourceId)}/follow-up`;
  const count = useQuery({
    queryKey: [...batchKeys.detail(sourceId), "follow-up-count", filter],
    queryFn: () => apiFetch<FollowUpResponse>(`${path}?dry_run=true`, { method: "POST", json: { batch_id: batchId, ...filter } }),
    staleTime: 0,
    retry: false,
  });
  const campaigns = useQuery(campaignListQueryOptions({ limit: "100", order_by: "campaign_name", order_dir: "asc" }));
  const create = useMutation({
    mutationFn: () =>
      apiFetch<FollowUpResponse>(path, {
        method: "POST",
        json: { batch_id: batchId.trim(), campaign_id: campaign, ...(expiresOn ? { expires_on: expiresOn } : {}), ...filter },
      }),
  });
  const [elapsed, setElapsed] = useState(0);
  useEffect(() => {
    if (!create.isPending) return;
    const started = Date.now();
    const t = setInterval(() => setElapsed(Math.round((Date.now() - started) / 1000)), 1000);
    return () => clearInterval(t);
  }, [create.isPending]);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setFields({});
    setFormError([]);
    create.mutate(undefined, {
      onSuccess: (res) => {
        void qc.invalidateQueries({ queryKey: batchKeys.lists() });
        toast.success(`Follow-up batch ${res.batch?.batch_id ?? batchId} created on hold with ${n(res.added)} contacts.`);
        onDone();
        router.push(`/batches/${encodeURIComponent(res.batch?.batch_id ?? batchId.trim())}`);
      },
      onError: (err) => {
        if (err instanceof ApiClientError && Object.keys(err.fields).length) {
          setFields(err.fields);
          const elsewhere = Object.entries(err.fields).filter(([k]) => !["batch_id", "campaign_id", "expires_on"].includes(k));
          setFormError(elsewhere.length ? [err.message] : []);
        } else setFormError([err.message]);
      },
    });
  };

  const excluded = Object.entries(count.data?.excluded ?? {}) as Array<[ExclusionReason, number]>;
  const excludedTotal = excluded.reduce((a, [, v]) => a + v, 0);
  return (
    <form noValidate className="space-y-4" onSubmit={submit}>
      <section aria-label="Contacts" aria-live="polite" className="rounded-md border border-slate-200 p-3 text-sm">
        <p className="text-slate-600">From the results with {describeFilter(filter)}.</p>
        {count.isPending ? (
          <Spinner label="Counting the contacts…" />
        ) : count.isError ? (
          <p role="alert" className="text-red-700">
            {count.error.message}
          </p>
        ) : (
          <div className="mt-1 space-y-1" data-testid="follow-up-counts">
            <p>
              <strong>{n(count.data.matched)}</strong> {count.data.matched === 1 ? "contact matches" : "contacts match"}; <strong>{n(count.data.added)}</strong>{" "}
              will be in the follow-up{excludedTotal ? `, ${n(excludedTotal)} excluded:` : "."}
            </p>
            {excludedTotal > 0 && (
              <ul className="list-disc pl-5 text-slate-700">
                {excluded.map(([reason, v]) => (
                  <li key={reason}>
                    {n(v)} — {EXCLUSION_REASONS[reason] ?? reason}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </section>
      <Field id="fu-id" label="New batch id" error={fields.batch_id}>
        <Input value={batchId} onChange={(e) => setBatchId(e.target.value)} autoComplete="off" {...describedBy("fu-id", fields.batch_id)} />
      </Field>
      <Field id="fu-campaign" label="Campaign" hint="The source's campaign, or another." error={fields.campaign_id}>
        <Select value={campaign} onChange={(e) => setCampaign(Number(e.target.value))} {...describedBy("fu-campaign", fields.campaign_id)}>
          {!campaigns.data?.items.some((c) => c.id === campaignId) && <option value={campaignId}>Campaign {campaignId}</option>}
          {campaigns.data?.items.map((c) => (
            <option key={c.id} value={c.id}>
              {c.campaign_name} (#{c.id})
            </option>
          ))}
        </Select>
      </Field>
      <Field id="fu-expiry" label="Expiry (optional)" error={fields.expires_on}>
        <DateTimeUtcInput value={expiresOn} onChange={setExpiresOn} {...describedBy("fu-expiry", fields.expires_on)} />
      </Field>
      <p className="text-xs text-slate-500">The follow-up is created on hold: check it, then resume it from its page.</p>
      {create.isPending && count.data && (
        <div className="space-y-1 text-sm">
          <div
            role="progressbar"
            aria-label="Creating the follow-up batch"
            aria-valuetext={`Uploading ${n(count.data.added)} contacts, ${elapsed} s`}
            className="h-2 w-full overflow-hidden rounded-full bg-slate-200"
          >
            <div className="h-full w-1/3 animate-pulse rounded-full bg-indigo-600" />
          </div>
          <p className="text-slate-600">
            Creating the batch and uploading {n(count.data.added)} contacts… {elapsed} s
          </p>
        </div>
      )}
      <FormErrorAlert messages={formError} />
      {count.data?.added === 0 ? (
        <div className="flex justify-end">
          <Button variant="secondary" onClick={onDone}>
            Close
          </Button>
        </div>
      ) : (
        <FormActions
          submitLabel={count.data ? `Create with ${n(count.data.added)} contacts` : "Create follow-up batch"}
          busy={create.isPending}
          disabled={!count.data}
          onCancel={onDone}
        />
      )}
    </form>
  );
}
