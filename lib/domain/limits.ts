// Limits shown in forms and used in pure logic, without zod (lib/schemas/fields.ts re-exports them).

/** Syllable's pacing limit, for a campaign's hourly_rate and a batch's call_rate (calls per hour). */
export const MAX_CALL_RATE = 3600;
export const CALL_RATE_HINT = `1–${MAX_CALL_RATE}`;

/** The shortest password a real account may have (the schemas and the forms). */
export const MIN_PASSWORD_LENGTH = 12;
