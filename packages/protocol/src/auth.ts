import { Type, type Static } from "typebox";

export const TokenScope = Type.Union([Type.Literal("ingest"), Type.Literal("read"), Type.Literal("admin")]);
export type TokenScope = Static<typeof TokenScope>;

/** POST /api/session: sign in to the dashboard with a read or admin token. */
export const SessionInput = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 512, description: "A read or admin API token" }) },
  { additionalProperties: false },
);
export type SessionInput = Static<typeof SessionInput>;

/** GET /api/session (and the answer to a sign-in): whether the API needs a token, and who the caller is. */
export const SessionInfo = Type.Object({
  /** `required`: requests need a token (bearer header or session cookie); `open`: they do not. */
  auth: Type.Union([Type.Literal("required"), Type.Literal("open")]),
  signedIn: Type.Boolean(),
  /** How the caller is signed in: a session cookie (the dashboard), a bearer header, or not at all. */
  via: Type.Union([Type.Literal("cookie"), Type.Literal("bearer"), Type.Null()]),
  name: Type.Union([Type.String(), Type.Null()]),
  scope: Type.Union([TokenScope, Type.Null()]),
  /** When the session cookie stops working (cookie sign-ins only). */
  expiresAt: Type.Optional(Type.String({ format: "date-time" })),
});
export type SessionInfo = Static<typeof SessionInfo>;
