/**
 * Who may do what. `ingest` tokens only ingest (an agent's token leaking
 * exposes no data); `read` tokens read everything the dashboard shows, the
 * live feed and /metrics; `admin` tokens may do all of it and change things
 * (alert rules). So admin implies read and ingest; nothing else implies
 * anything.
 */
export type Scope = "ingest" | "read" | "admin";
export const SCOPES: readonly Scope[] = ["ingest", "read", "admin"];

export function grants(held: Scope, needed: Scope): boolean {
  return held === "admin" || held === needed;
}

/** The session endpoints are how a browser signs in and out: open to all. */
export const SESSION_PATH = "/api/session";

/**
 * The scope a request needs, from its route's pattern (or, for a path no
 * route matches, its path); null when it is open to anyone: /healthz,
 * /readyz, /docs, the dashboard's page and assets, and the session endpoints.
 * Unknown paths under /api/ and /v1/ need a token too, so their 404s tell
 * nothing to a caller without one.
 */
export function requiredScope(method: string, path: string): Scope | null {
  if (path === SESSION_PATH) return null;
  if (path.startsWith("/v1/")) return "ingest";
  if (path === "/metrics") return "read";
  if (path.startsWith("/api/")) return method === "GET" || method === "HEAD" ? "read" : "admin";
  return null;
}

/** Which rate-limit budget a route draws from; null: not limited (health, docs, the dashboard's files). */
export function rateLimitGroup(method: string, path: string): "ingest" | "read" | null {
  if (path === SESSION_PATH) return "read";
  const scope = requiredScope(method, path);
  if (scope === null) return null;
  return scope === "ingest" ? "ingest" : "read";
}
