import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/states";
import { ROLE_LABELS, type Role } from "@/lib/schemas/roles";

type Entry = { id: number; at: string; actorEmail: string; actorRole: Role | "anonymous"; action: string; target: string; outcome: "ok" | "failed"; detail: Record<string, unknown> };

export function AuditTable({ entries }: { entries: Entry[] }) {
  if (!entries.length) return <EmptyState title="No changes yet">Changes made in the console appear here.</EmptyState>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">When (UTC)</th>
            <th scope="col" className="px-3 py-2">Who</th>
            <th scope="col" className="px-3 py-2">Action</th>
            <th scope="col" className="px-3 py-2">Target</th>
            <th scope="col" className="px-3 py-2">Outcome</th>
            <th scope="col" className="px-3 py-2">Details</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {entries.map((e) => (
            <tr key={e.id}>
              <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{e.at.replace("T", " ").slice(0, 19)}</td>
              <td className="px-3 py-2">
                {e.actorEmail} <span className="text-xs text-slate-500">({e.actorRole === "anonymous" ? "not signed in" : ROLE_LABELS[e.actorRole]})</span>
              </td>
              <td className="px-3 py-2 font-mono text-xs">{e.action}</td>
              <td className="px-3 py-2 font-mono text-xs">{e.target}</td>
              <td className="px-3 py-2">
                <Badge tone={e.outcome === "ok" ? "green" : "red"}>{e.outcome === "ok" ? "Done" : "Failed"}</Badge>
              </td>
              <td className="max-w-md truncate px-3 py-2 font-mono text-xs text-slate-600" title={JSON.stringify(e.detail)}>
                {JSON.stringify(e.detail)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
