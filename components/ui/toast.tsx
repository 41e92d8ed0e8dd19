"use client";

import { useEffect, useState, type ComponentType } from "react";
import type { ExternalToast, ToasterProps } from "sonner";
import { whenIdleAfterLoad } from "@/lib/browser/when-idle";

// Toasts are sonner's, but sonner is kept out of every page's first load: the <LazyToaster> in
// the providers loads it once the page has loaded and the browser is idle (or at once when a
// toast is asked for earlier), and `toast` queues what is asked for until the toaster listens.

type Kind = "success" | "error" | "info" | "warning";
type Call = { kind: Kind; message: string; options?: ExternalToast };

let sonner: typeof import("sonner") | null = null;
let listening = false;
const queue: Call[] = [];
let loadNow: (() => void) | null = null;

function show(call: Call) {
  if (sonner && listening) {
    sonner.toast[call.kind](call.message, call.options);
    return;
  }
  queue.push(call);
  loadNow?.();
}

/** sonner's toast.success/error/info/warning, safe to call before sonner has loaded. */
export const toast = {
  success: (message: string, options?: ExternalToast) => show({ kind: "success", message, options }),
  error: (message: string, options?: ExternalToast) => show({ kind: "error", message, options }),
  info: (message: string, options?: ExternalToast) => show({ kind: "info", message, options }),
  warning: (message: string, options?: ExternalToast) => show({ kind: "warning", message, options }),
};

/** Mounts sonner's <Toaster> once sonner has loaded, then shows the toasts asked for meanwhile. */
export function LazyToaster(props: ToasterProps) {
  const [Toaster, setToaster] = useState<ComponentType<ToasterProps> | null>(null);

  useEffect(() => {
    let cancelled = false;
    let started = false;
    const load = () => {
      if (started) return;
      started = true;
      void import("sonner").then((m) => {
        sonner = m;
        if (!cancelled) setToaster(() => m.Toaster);
      });
    };
    loadNow = load;
    if (queue.length) load();
    const cancelIdle = whenIdleAfterLoad(load);
    return () => {
      cancelled = true;
      loadNow = null;
      cancelIdle();
    };
  }, []);

  useEffect(() => {
    // The Toaster's own effects (its subscription) have run before this parent effect.
    if (!Toaster || !sonner) return;
    listening = true;
    for (const call of queue.splice(0)) sonner.toast[call.kind](call.message, call.options);
    return () => {
      listening = false;
    };
  }, [Toaster]);

  return Toaster ? <Toaster {...props} /> : null;
}
