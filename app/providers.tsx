"use client";

import { QueryClientProvider } from "@tanstack/react-query";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import type { ReactNode } from "react";
import { LazyToaster } from "@/components/ui/toast";
import { getQueryClient } from "@/lib/queries/query-client";

export function Providers({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  return (
    <QueryClientProvider client={queryClient}>
      <NuqsAdapter>{children}</NuqsAdapter>
      <LazyToaster richColors closeButton position="bottom-right" />
    </QueryClientProvider>
  );
}
