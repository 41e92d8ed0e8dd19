"use client";

// A campaign's suppression lists on its page: those assigned to it and those for every campaign;
// a manager chooses the assigned ones here.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormActions } from "@/components/ui/form-actions";
import { QueryProblem } from "@/components/ui/query-problem";
import { toast } from "@/components/ui/toast";
import { campaignSuppressionQueryOptions, suppressionListsQueryOptions, useSuppressionWrites } from "@/lib/queries/suppression";
import { AppliesTo } from "./suppression-lists";

export function CampaignSuppressionLists({ campaignId, canWrite }: { campaignId: number; canWrite: boolean }) {
  const query = useQuery(campaignSuppressionQueryOptions(campaignId));
  const [editing, setEditing] = useState(false);
  const lists = query.data?.items ?? [];
  return (
    <div className="space-y-3" data-testid="campaign-suppression">
      <QueryProblem query={query} what="The suppression lists" />
      {query.isPending ? (
        <p className="text-sm text-slate-500">Loading…</p>
      ) : lists.length ? (
        <ul className="space-y-1 text-sm">
          {lists.map((l) => (
            <li key={l.id} className="flex flex-wrap items-center gap-2">
              <Link href={`/compliance/${l.id}`} className="font-medium text-indigo-700 hover:underline">
                {l.name}
              </Link>
              <AppliesTo list={l} />
              <span className="text-xs text-slate-500">{l.active_numbers.toLocaleString("en-US")} numbers in force</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600">No suppression list applies to this campaign: every number uploaded is called.</p>
      )}
      {canWrite && !editing && (
        <Button size="sm" variant="secondary" onClick={() => setEditing(true)}>
          Choose lists
        </Button>
      )}
      {editing && (
        <AssignForm campaignId={campaignId} assigned={lists.filter((l) => l.applies_to === "assigned").map((l) => l.id)} onDone={() => setEditing(false)} />
      )}
    </div>
  );
}

function AssignForm({ campaignId, assigned, onDone }: { campaignId: number; assigned: number[]; onDone: () => void }) {
  const all = useQuery(suppressionListsQueryOptions());
  const { assign } = useSuppressionWrites();
  const [chosen, setChosen] = useState(new Set(assigned));
  const choosable = (all.data?.items ?? []).filter((l) => l.applies_to === "assigned");
  return (
    <form
      className="space-y-3 rounded-md border border-slate-200 p-3"
      onSubmit={(e) => {
        e.preventDefault();
        assign.mutateAsync({ campaignId, list_ids: [...chosen] }).then(
          () => {
            toast.success("Saved: queued requests of this campaign are checked against these lists within a minute.");
            onDone();
          },
          (err: Error) => toast.error(err.message),
        );
      }}
    >
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-slate-700">Lists assigned to this campaign</legend>
        {all.isPending && <p className="text-sm text-slate-500">Loading…</p>}
        {!all.isPending && !choosable.length && (
          <p className="text-sm text-slate-600">
            No list to assign:{" "}
            <Link href="/compliance" className="text-indigo-700 hover:underline">
              make one
            </Link>{" "}
            (lists for every campaign apply already).
          </p>
        )}
        {choosable.map((l) => (
          <label key={l.id} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={chosen.has(l.id)}
              onChange={(e) => {
                const next = new Set(chosen);
                if (e.target.checked) next.add(l.id);
                else next.delete(l.id);
                setChosen(next);
              }}
            />
            {l.name} <span className="text-xs text-slate-500">({l.active_numbers.toLocaleString("en-US")} numbers)</span>
          </label>
        ))}
      </fieldset>
      <FormActions submitLabel="Save lists" busy={assign.isPending} onCancel={onDone} />
    </form>
  );
}
