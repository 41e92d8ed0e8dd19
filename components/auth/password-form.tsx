"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { FormErrorAlert } from "@/components/forms/form-error-alert";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Input } from "@/components/ui/field";
import { toast } from "@/components/ui/toast";
import { apiFetch, ApiClientError } from "@/lib/queries/api-fetch";
import { MIN_PASSWORD_LENGTH } from "@/lib/domain/limits";

/** Current password, new one twice; the server says which field is wrong and why. */
export function PasswordForm() {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const [fields, setFields] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string[]>([]);
  const change = useMutation({
    mutationFn: () => apiFetch<{ changed: true }>("/api/auth/password", { method: "POST", json: { current_password: current, new_password: next } }),
  });
  return (
    <form
      noValidate
      className="space-y-4"
      aria-label="Change password"
      onSubmit={(e) => {
        e.preventDefault();
        setFormError([]);
        if (next !== repeat) {
          setFields({ repeat: "The two new passwords differ." });
          return;
        }
        setFields({});
        change.mutate(undefined, {
          onSuccess: () => {
            toast.success("Password changed. Your other sessions were signed out.");
            setCurrent("");
            setNext("");
            setRepeat("");
          },
          onError: (err) => (err instanceof ApiClientError && Object.keys(err.fields).length ? setFields(err.fields) : setFormError([err.message])),
        });
      }}
    >
      <Field id="pw-current" label="Current password" error={fields.current_password}>
        <Input
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          {...describedBy("pw-current", fields.current_password)}
        />
      </Field>
      <Field
        id="pw-new"
        label="New password"
        hint={`${MIN_PASSWORD_LENGTH} characters at least; not a common password. A few unrelated words work well.`}
        error={fields.new_password}
      >
        <Input
          type="password"
          autoComplete="new-password"
          value={next}
          onChange={(e) => setNext(e.target.value)}
          {...describedBy("pw-new", fields.new_password)}
        />
      </Field>
      <Field id="pw-repeat" label="New password again" error={fields.repeat}>
        <Input
          type="password"
          autoComplete="new-password"
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
          {...describedBy("pw-repeat", fields.repeat)}
        />
      </Field>
      <FormErrorAlert messages={formError} />
      <Button type="submit" busy={change.isPending}>
        Change password
      </Button>
    </form>
  );
}
