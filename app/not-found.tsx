import Link from "next/link";

export default function NotFound() {
  return (
    <main className="grid min-h-[60vh] place-items-center px-4 text-center">
      <div className="space-y-2">
        <h1 className="text-xl font-semibold">Not found</h1>
        <p className="text-sm text-slate-600">That page or record does not exist, or it was deleted.</p>
        <Link href="/batches" className="text-sm font-medium text-indigo-700 underline">
          Back to batches
        </Link>
      </div>
    </main>
  );
}
