import type { SessionInfo } from "@closewatch/protocol";
import { useQuery } from "@tanstack/react-query";
import { getJson, sendJson } from "./client.js";

export function isSessionInfo(value: unknown): value is SessionInfo {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    (v.auth === "required" || v.auth === "open") &&
    typeof v.signedIn === "boolean" &&
    (v.via === "cookie" || v.via === "bearer" || v.via === null) &&
    (typeof v.name === "string" || v.name === null) &&
    (v.scope === "ingest" || v.scope === "read" || v.scope === "admin" || v.scope === null)
  );
}

const isNothing = (value: unknown): value is undefined => value === undefined;

export const SESSION_KEY = ["session"] as const;

/** Whether the collector wants a token, and whether this browser is signed in (GET /api/session is open to all). */
export function useSessionQuery() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: ({ signal }) => getJson("/api/session", {}, isSessionInfo, { signal }), staleTime: 60_000 });
}

/** POST /api/session: the collector checks the token and answers with an HttpOnly cookie; the token is not kept here. */
export function signIn(token: string): Promise<SessionInfo> {
  return sendJson("POST", "/api/session", { token }, isSessionInfo);
}

export function signOut(): Promise<undefined> {
  return sendJson("DELETE", "/api/session", undefined, isNothing);
}

/** The page needs a sign-in: the API wants a token and this browser sends none that works. */
export function needsSignIn(session: SessionInfo | undefined): boolean {
  return session !== undefined && session.auth === "required" && !session.signedIn;
}
