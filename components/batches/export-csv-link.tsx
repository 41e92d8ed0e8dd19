"use client";

import { useRef, useState } from "react";
import { toast } from "@/components/ui/toast";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Button } from "@/components/ui/button";

/** Exports at least this big are fetched by the page, with a progress bar; smaller ones are plain downloads. */
export const BIG_EXPORT_ROWS = 20_000;

/**
 * "Export CSV": a link to the export (shareable, plain download). For a big selection the page
 * fetches it instead, counting rows as they arrive against the total, so a million-row export
 * shows how far it is and can be cancelled; the finished file is saved as a download.
 */
export function ExportCsvLink({ href, rows, filename }: { href: string; rows: number; filename: string }) {
  const [progress, setProgress] = useState<number | null>(null);
  const abort = useRef<AbortController | null>(null);

  const fetchWithProgress = async () => {
    const controller = new AbortController();
    abort.current = controller;
    setProgress(0);
    try {
      const res = await fetch(href, { signal: controller.signal });
      if (!res.ok || !res.body) {
        // The console's error shape says why (signed out, the batch gone, Syllable not answering).
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new Error(body?.error?.message ?? `The export failed (HTTP ${res.status}). Try again.`);
      }
      const total = Number(res.headers.get("x-total-count")) || rows;
      const reader = res.body.getReader();
      const parts: Uint8Array[] = [];
      let lines = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        for (let i = value.indexOf(10); i >= 0; i = value.indexOf(10, i + 1)) lines++;
        setProgress(Math.min(1, (lines - 1) / Math.max(1, total)));
      }
      const url = URL.createObjectURL(new Blob(parts as BlobPart[], { type: "text/csv" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = filename;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      toast.success(`Exported ${total.toLocaleString("en-US")} rows.`);
    } catch (err) {
      if (!controller.signal.aborted) toast.error(err instanceof Error ? err.message : "The export failed. Try again.");
    } finally {
      abort.current = null;
      setProgress(null);
    }
  };

  if (progress !== null)
    return (
      <span className="flex min-w-56 items-center gap-2 text-sm text-slate-700" aria-live="polite">
        <ProgressBar value={progress} label="Export progress" className="w-32" />
        <span>{Math.round(progress * 100)}%</span>
        <Button size="sm" variant="secondary" onClick={() => abort.current?.abort()}>
          Cancel
        </Button>
      </span>
    );
  return (
    <a
      href={href}
      download
      onClick={(e) => {
        if (rows < BIG_EXPORT_ROWS) return;
        e.preventDefault();
        void fetchWithProgress();
      }}
      className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
    >
      Export CSV
    </a>
  );
}
