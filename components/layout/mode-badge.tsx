import { Badge } from "@/components/ui/badge";

export function ModeBadge({ mode }: { mode: "sandbox" | "live" }) {
  return mode === "sandbox" ? (
    <Badge tone="amber" title="Talking to the embedded sandbox: nothing here reaches real people.">
      Sandbox
    </Badge>
  ) : (
    <Badge tone="green" title="Talking to the live Syllable API.">
      Live
    </Badge>
  );
}
