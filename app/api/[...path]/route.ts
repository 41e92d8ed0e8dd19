import { ApiError, errorResponse } from "@/lib/server/errors";

// Any /api address no handler serves: the error shape, not Next's HTML not-found page.
const noSuchApi = async () => errorResponse(new ApiError("not_found", "There is no API at this address."));

export const GET = noSuchApi;
export const POST = noSuchApi;
export const PUT = noSuchApi;
export const PATCH = noSuchApi;
export const DELETE = noSuchApi;
