import { notFound } from "next/navigation";
import { ListDetail } from "@/components/compliance/list-detail";
import { requirePageUser } from "@/lib/server/dal/page-user";
import { hasRole } from "@/lib/schemas/roles";

export const metadata = { title: "Suppression list" };

export default async function SuppressionListPage({ params }: { params: Promise<{ listId: string }> }) {
  const user = await requirePageUser("supervisor");
  const id = Number((await params).listId);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  return <ListDetail listId={id} canWrite={hasRole(user.role, "manager")} isAdmin={hasRole(user.role, "admin")} />;
}
