export const metadata = { title: "Campaigns" };

export default function CampaignsPage() {
  return <h1 className="text-xl font-semibold">Campaigns</h1>;
}
