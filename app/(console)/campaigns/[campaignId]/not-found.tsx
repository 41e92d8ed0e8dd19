import { RouteNotFound } from "@/components/ui/route-states";

export default function CampaignNotFound() {
  return <RouteNotFound title="Campaign not found" backHref="/campaigns" backLabel="Back to campaigns" />;
}
