/** E.164: "+", country code, up to 15 digits in all. Used for targets, caller ids and sources. */
export const E164 = /^\+[1-9]\d{6,14}$/;
export const E164_MESSAGE = "Use E.164, e.g. +15125551234.";
