import { revealBidiControls } from "@/lib/format";
import { cn } from "./cn";

/** Values longer than this are cut to one line in compact places (tables); the whole value shows on hover and focus. */
const LONG = 80;

/**
 * A string from Syllable (ids, names, variables) as the console shows it: bidi-isolated so it
 * cannot reorder the text around it, direction controls inside it made visible, and never wider
 * than its container (wrapped anywhere, or in `compact` places cut to one line, the full value on
 * hover and on keyboard focus).
 */
export function UpstreamText({ value, compact, className }: { value: string | null | undefined; compact?: boolean; className?: string }) {
  if (value === null || value === undefined || value === "") return <span className="text-slate-400">—</span>;
  const shown = revealBidiControls(value);
  const long = compact && shown.length > LONG;
  return (
    <bdi
      title={long ? shown : undefined}
      tabIndex={long ? 0 : undefined}
      className={cn(
        "[overflow-wrap:anywhere]",
        long && "inline-block max-w-[min(24rem,100%)] truncate align-bottom focus:whitespace-normal focus:outline-2 focus:outline-indigo-500",
        className,
      )}
    >
      {shown}
    </bdi>
  );
}
