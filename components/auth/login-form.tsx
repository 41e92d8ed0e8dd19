"use client";

import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Input } from "@/components/ui/field";
import { ApiClientError, apiFetch } from "@/lib/queries/api-fetch";
import { lazyZodResolver } from "@/components/forms/lazy-zod-resolver";
import { whenIdleAfterLoad } from "@/lib/browser/when-idle";
import type { LoginInput } from "@/lib/schemas/auth";

const loginResolver = lazyZodResolver<LoginInput>(() => import("@/lib/schemas/auth").then((m) => m.loginSchema));

export function LoginForm({ next }: { next: string }) {
  const [formError, setFormError] = useState<string>();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<LoginInput>({ resolver: loginResolver });
  useEffect(() => whenIdleAfterLoad(() => void loginResolver.preload()), []);

  const onSubmit = handleSubmit(async (values) => {
    setFormError(undefined);
    try {
      await apiFetch("/api/auth/login", { method: "POST", json: values });
      window.location.assign(next);
    } catch (err) {
      if (err instanceof ApiClientError) {
        for (const [field, message] of Object.entries(err.fields)) {
          if (field === "email" || field === "password") setError(field, { message });
        }
        setFormError(err.message);
      } else setFormError("Sign-in failed. Try again.");
    }
  });

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <Field id="email" label="Email" error={errors.email?.message}>
        <Input type="email" autoComplete="username" autoFocus {...describedBy("email", errors.email?.message)} {...register("email")} />
      </Field>
      <Field id="password" label="Password" error={errors.password?.message}>
        <Input type="password" autoComplete="current-password" {...describedBy("password", errors.password?.message)} {...register("password")} />
      </Field>
      {formError && (
        <p role="alert" className="rounded-md bg-red-50 p-2 text-sm text-red-700">
          {formError}
        </p>
      )}
      <Button type="submit" className="w-full" busy={isSubmitting}>
        Sign in
      </Button>
    </form>
  );
}
