import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppShell } from "@/components/layout/app-shell";
import { getCurrentUser } from "@/lib/server/auth/current-user";
import { getConfig } from "@/lib/server/env";

// Every console page needs a signed-in person; the API checks roles again on each call.
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  return (
    <AppShell user={user} mode={getConfig().mode}>
      {children}
    </AppShell>
  );
}
