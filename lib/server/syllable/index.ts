export { getSyllable, createHttpSyllableClient, type SyllableClient, type ListParams, type ResultFilters } from "./client";
export { upstreamNow } from "./upstream-clock";
