// The outbound API's paths and the methods each accepts, so a known path asked with another
// method answers FastAPI's 405 {"detail":"Method Not Allowed"} (with Allow) instead of a 404.
const ROUTES: [RegExp, string[]][] = [
  [/^\/api\/v1\/outbound\/batches\/?$/, ["GET", "POST"]],
  [/^\/api\/v1\/outbound\/batches\/[^/]+\/?$/, ["GET", "PUT", "DELETE"]],
  [/^\/api\/v1\/outbound\/batches\/[^/]+\/upload_batch\/?$/, ["POST"]],
  [/^\/api\/v1\/outbound\/batches\/[^/]+\/results\/?$/, ["GET"]],
  [/^\/api\/v1\/outbound\/batches\/[^/]+\/requests\/?$/, ["POST"]],
  [/^\/api\/v1\/outbound\/batches\/[^/]+\/remove-requests\/?$/, ["POST"]],
  [/^\/api\/v1\/outbound\/campaigns\/?$/, ["GET", "POST"]],
  [/^\/api\/v1\/outbound\/campaigns\/[^/]+\/?$/, ["GET", "PUT", "DELETE"]],
];

/** The methods a known API path accepts, or null for a path the API does not have. */
export function allowedMethods(path: string): string[] | null {
  return ROUTES.find(([pattern]) => pattern.test(path))?.[1] ?? null;
}
