/** A voice campaign that may call at any hour of any day, as Syllable's create-campaign body: for tests that need a campaign of their own. */
export const anyTimeCampaign = (name: string) => ({
  campaign_name: name,
  mode: "voice",
  caller_id: "+15125550100",
  source: "+15125550100",
  daily_start_time: "00:00:00",
  daily_end_time: "23:59:00",
  hourly_rate: 60,
  retry_count: 0,
  campaign_variables: {},
  active_days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
});
