"use client";

import { toast } from "@/components/ui/toast";
import { Button } from "@/components/ui/button";
import { markAlertsSeen, type useAlertNotifications } from "@/lib/queries/alert-notifications";
import type { AlertView } from "@/lib/schemas/live";

/** "Notify me of new alerts": browser notifications while the overview is open in a tab, even in the background. */
export function NotificationSwitch({ control, openAlerts }: { control: ReturnType<typeof useAlertNotifications>; openAlerts: AlertView[] }) {
  const { state, enable, disable } = control;
  if (state === "unsupported") return null;
  const on = state === "on";
  const toggle = async () => {
    if (on) {
      disable();
      toast.success("Alert notifications are off in this browser.");
      return;
    }
    // What is open already is on the page; only alerts opening from now on are news.
    markAlertsSeen(openAlerts);
    const now = await enable();
    if (now === "on") toast.success("You will be notified of new alerts while the overview is open in a tab.");
    else if (now === "blocked") toast.error("This browser blocks notifications from the console: allow them in the site settings, then try again.");
    else toast.error("Notifications were not allowed.");
  };
  return (
    <Button
      size="sm"
      variant="secondary"
      aria-pressed={on}
      onClick={() => void toggle()}
      title={state === "blocked" ? "Notifications are blocked for this site in the browser's settings" : undefined}
    >
      {on ? "Notifying of new alerts" : "Notify me of new alerts"}
    </Button>
  );
}
