"use client";

import { useState } from "react";
import { ApiClientError } from "@/lib/queries/api-fetch";

/**
 * Errors of a small form without react-hook-form: a failed write's field errors (shown at the
 * fields) or, when it named none, its sentence (a form-level alert).
 */
export function useApiErrors() {
  const [fields, setFields] = useState<Record<string, string>>({});
  const [form, setForm] = useState<string[]>([]);
  return {
    fields,
    form,
    clear: () => {
      setFields({});
      setForm([]);
    },
    show: (err: Error) => {
      if (err instanceof ApiClientError && Object.keys(err.fields).length) setFields(err.fields);
      else setForm([err.message]);
    },
  };
}
