export const metadata = { title: "Batches" };

export default function BatchesPage() {
  return <h1 className="text-xl font-semibold">Batches</h1>;
}
