"use client";

import { useState } from "react";
import { toast } from "@/components/ui/toast";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/lib/queries/api-fetch";

export function SignOutButton() {
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant="ghost"
      size="sm"
      busy={busy}
      onClick={async () => {
        setBusy(true);
        try {
          const res = await apiFetch<{ ok: true; end_session_url?: string }>("/api/auth/logout", { method: "POST" });
          // After a single sign-on, on to the provider to end its session too (it comes back to /login).
          if (res.end_session_url) return window.location.assign(res.end_session_url);
          // A full page load, not router.push: it drops every cached query of the previous user.
          // eslint-disable-next-line @next/next/no-location-assign-relative-destination
          window.location.assign("/login");
        } catch (err) {
          setBusy(false);
          toast.error(err instanceof Error ? err.message : "Sign-out failed.");
        }
      }}
    >
      Sign out
    </Button>
  );
}
