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
          await apiFetch("/api/auth/logout", { method: "POST" });
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
