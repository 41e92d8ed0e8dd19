import { Button } from "./button";

/** The footer of a dialog form: Cancel, and the submit button showing progress while it saves. */
export function FormActions({
  submitLabel,
  busy,
  onCancel,
  disabled,
  destructive,
}: {
  submitLabel: string;
  busy?: boolean;
  onCancel: () => void;
  disabled?: boolean;
  destructive?: boolean;
}) {
  return (
    <div className="flex justify-end gap-2">
      <Button variant="secondary" onClick={onCancel}>
        Cancel
      </Button>
      <Button type="submit" variant={destructive ? "danger" : "primary"} busy={busy} disabled={disabled}>
        {submitLabel}
      </Button>
    </div>
  );
}
