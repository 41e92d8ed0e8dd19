import type { ReactNode } from "react";
import { cn } from "./cn";

export const BADGE_TONES = {
  gray: "bg-slate-100 text-slate-700 ring-slate-300",
  blue: "bg-blue-50 text-blue-700 ring-blue-300",
  green: "bg-emerald-50 text-emerald-700 ring-emerald-300",
  amber: "bg-amber-50 text-amber-800 ring-amber-300",
  red: "bg-red-50 text-red-700 ring-red-300",
  violet: "bg-violet-50 text-violet-700 ring-violet-300",
} as const;
export type BadgeTone = keyof typeof BADGE_TONES;

export function Badge({ tone = "gray", children, className, title }: { tone?: BadgeTone; children: ReactNode; className?: string; title?: string }) {
  return (
    // A short value (a status, a role) stays on one line ("COMPLETED" never split at 390 px); a
    // long one (a 5,000-character label) wraps anywhere rather than widen the page.
    <span
      title={title}
      className={cn(
        "inline-flex max-w-full items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset",
        typeof children === "string" && children.length > 30 ? "[overflow-wrap:anywhere]" : "whitespace-nowrap",
        BADGE_TONES[tone],
        className,
      )}
    >
      {children}
    </span>
  );
}
