import { json, withRole } from "@/lib/server/auth/with-role";
import { checkNumber, checkNumbers } from "@/lib/server/suppression/matching";

/** Whether a number (any format) is suppressed, and by which lists. */
export const GET = withRole("GET /api/suppression/check", async ({ query }) => json(await checkNumber(query.number, query.campaign_id ?? null)));

/** Which of many numbers are suppressed (the upload dialog's preview). */
export const POST = withRole("POST /api/suppression/check", async ({ body }) => json(await checkNumbers(body.numbers, body.campaign_id ?? null)));
