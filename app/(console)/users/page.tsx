import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { UserList } from "@/components/users/user-list";
import { getQueryClient } from "@/lib/queries/query-client";
import { userKeys } from "@/lib/queries/users";
import { usersFor } from "@/lib/server/dal/users";
import { requirePageUser } from "@/lib/server/dal/page-user";

export const metadata = { title: "Users" };

export default async function UsersPage() {
  const user = await requirePageUser("admin");
  const queryClient = getQueryClient();
  queryClient.setQueryData(userKeys.all, { items: await usersFor(user) });
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">Users</h1>
        <p className="text-sm text-slate-600">
          Who can sign in to the console, and with which role. Every change ends that person&apos;s sessions and is audited.
        </p>
      </div>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <UserList currentEmail={user.email} />
      </HydrationBoundary>
    </div>
  );
}
