import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { UserChangeResponse, UserListResponse } from "@/lib/schemas/users";
import type { Role } from "@/lib/domain/roles";
import { apiFetch } from "./api-fetch";

export const userKeys = { all: ["users"] as const };

export function usersQueryOptions() {
  return queryOptions({ queryKey: userKeys.all, queryFn: ({ signal }) => apiFetch<UserListResponse>("/api/users", { signal }) });
}

/** Add, change or remove a user; the list is read again after each. */
export function useUserWrites() {
  const qc = useQueryClient();
  const done = () => void qc.invalidateQueries({ queryKey: userKeys.all });
  return {
    add: useMutation({
      mutationFn: (v: { email: string; role: Role; password?: string }) => apiFetch<UserChangeResponse>("/api/users", { method: "POST", json: v }),
      onSuccess: done,
    }),
    update: useMutation({
      mutationFn: ({ id, ...patch }: { id: number; role?: Role; reset_password?: true; reason?: string }) =>
        apiFetch<UserChangeResponse>(`/api/users/${id}`, { method: "PATCH", json: patch }),
      onSuccess: done,
    }),
    unlock: useMutation({ mutationFn: (id: number) => apiFetch<{ unlocked: true }>(`/api/users/${id}/unlock`, { method: "POST" }), onSuccess: done }),
    remove: useMutation({
      mutationFn: ({ id, reason }: { id: number; reason: string }) => apiFetch<{ removed: true }>(`/api/users/${id}`, { method: "DELETE", json: { reason } }),
      onSuccess: done,
    }),
  };
}
