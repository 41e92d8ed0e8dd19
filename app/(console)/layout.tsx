import type { ReactNode } from "react";
import { AppShell } from "@/components/layout/app-shell";
import { requirePageUser } from "@/lib/server/dal/page-user";
import { getConfig } from "@/lib/server/env";

// The shell needs the person; each page checks again itself, because a client navigation
// request can render a page without re-rendering this layout.
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser();
  return (
    <AppShell user={user} mode={getConfig().mode}>
      {children}
    </AppShell>
  );
}
