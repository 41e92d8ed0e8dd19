"use client";

// The upload preview's line about suppression: which rows of the file are on a suppression list
// that applies to the batch's campaign (checked by the server, the first 10,000 rows), so a
// manager sees before sending that they will be left out.
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/queries/api-fetch";
import { MAX_NUMBERS_PER_REQUEST, type SuppressionCheckMany } from "@/lib/schemas/suppression";

const n = (v: number) => v.toLocaleString("en-US");

export function SuppressedRows({ campaignId, rows }: { campaignId: number; rows: Array<Record<string, string>> }) {
  const targets = rows.slice(0, MAX_NUMBERS_PER_REQUEST).map((r) => (r.target ?? "").trim());
  const check = useQuery({
    queryKey: ["suppression", "upload-check", campaignId, targets],
    queryFn: ({ signal }) =>
      apiFetch<SuppressionCheckMany>("/api/suppression/check", { method: "POST", json: { numbers: targets.filter(Boolean), campaign_id: campaignId }, signal }),
    enabled: targets.length > 0,
    staleTime: 30_000,
  });
  if (check.isPending) return <li className="text-slate-500">Checking the numbers against the suppression lists…</li>;
  if (check.isError)
    return <li className="text-amber-800">The suppression lists could not be checked now: the server checks them again when the file is sent.</li>;
  const found = check.data.suppressed;
  const more = rows.length > targets.length ? ` (first ${n(targets.length)} rows checked; the rest are checked when sent)` : "";
  if (!found.length) return <li className="text-slate-700">No number is on a suppression list{more}.</li>;
  const rowOf = new Map<string, number>();
  targets.forEach((t, i) => rowOf.has(t) || rowOf.set(t, i + 1));
  return (
    <li className="text-amber-800" data-testid="preview-suppressed">
      {n(found.length)} row{found.length === 1 ? "" : "s"} will be left out: the number is on a suppression list{more}.{" "}
      {found
        .slice(0, 5)
        .map((f) => `Row ${rowOf.get(f.input) ?? "?"} ${f.number} (${f.lists.join(", ")})`)
        .join("; ")}
      {found.length > 5 ? ` and ${n(found.length - 5)} more` : ""}.
    </li>
  );
}
