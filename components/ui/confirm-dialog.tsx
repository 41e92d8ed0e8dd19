"use client";

import { useState, type ReactNode } from "react";
import { Dialog } from "./dialog";
import { Input } from "./field";
import { FormActions } from "./form-actions";

/** Asks before a consequential action; with `typeToConfirm`, the person must type that text first. */
export function ConfirmDialog({
  open,
  onClose,
  onConfirm,
  title,
  description,
  confirmLabel,
  destructive,
  busy,
  typeToConfirm,
  children,
}: {
  open: boolean;
  onClose: () => void;
  onConfirm: () => void;
  title: ReactNode;
  description?: ReactNode;
  confirmLabel: string;
  destructive?: boolean;
  busy?: boolean;
  typeToConfirm?: string;
  children?: ReactNode;
}) {
  const [typed, setTyped] = useState("");
  const blocked = typeToConfirm !== undefined && typed !== typeToConfirm;
  const close = () => {
    setTyped("");
    onClose();
  };
  return (
    <Dialog open={open} onClose={close} title={title} description={description}>
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          if (!blocked) onConfirm();
        }}
      >
        {children}
        {typeToConfirm !== undefined && (
          <label className="block space-y-1 text-sm">
            <span>
              Type <strong className="font-mono">{typeToConfirm}</strong> to confirm
            </span>
            <Input value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" aria-label="Confirmation text" />
          </label>
        )}
        <FormActions submitLabel={confirmLabel} busy={busy} onCancel={close} destructive={destructive} disabled={blocked} />
      </form>
    </Dialog>
  );
}
