"use client";

import { useEffect, useState } from "react";
import { ROLE_LABELS, type Role } from "@/lib/domain/roles";

/**
 * Said once, after being sent home from a page the role may not open: which page, and why. The
 * address loses its `denied`/`needs` at once (without a server round trip), so a reload or a
 * shared link does not say it again.
 */
export function DeniedNotice({ path, needs, role }: { path: string; needs: Role; role: Role }) {
  const [open, setOpen] = useState(true);
  useEffect(() => {
    const url = new URL(window.location.href);
    url.searchParams.delete("denied");
    url.searchParams.delete("needs");
    window.history.replaceState(window.history.state, "", url.pathname + url.search + url.hash);
  }, []);
  if (!open) return null;
  return (
    <div role="status" className="flex items-start justify-between gap-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      <p>
        You were brought here from <span className="font-mono">{path}</span>: that page is for {ROLE_LABELS[needs].toLowerCase()}s
        {needs === "admin" ? "" : " and above"}, and you are signed in as {ROLE_LABELS[role].toLowerCase()}.
      </p>
      <button type="button" className="shrink-0 text-xs font-medium underline" onClick={() => setOpen(false)}>
        Dismiss
      </button>
    </div>
  );
}
