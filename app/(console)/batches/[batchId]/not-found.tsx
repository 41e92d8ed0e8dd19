import { RouteNotFound } from "@/components/ui/route-states";

export default function BatchNotFound() {
  return <RouteNotFound title="Batch not found" backHref="/batches" backLabel="Back to batches" />;
}
