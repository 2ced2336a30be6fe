import type { PolicyCause } from "../causes.js";
import type { CauseEntry } from "./types.js";

/**
 * Why a 1008 (Policy Violation) happened, one entry per DESIGN.md cause id.
 * The hints name the option to change wherever a library has one, because
 * "check your policy" is not something a reader can act on.
 */
export const POLICY_CAUSE_INFO: Readonly<Record<PolicyCause, CauseEntry>> = {
  rate_limit: {
    id: "rate_limit",
    title: "Sending too fast",
    description:
      "A rate limiter in the application (or in a gateway in front of it) counted more messages or commands " +
      "per time window than it allows, and dropped the connection instead of just discarding the excess.",
    fixHints: [
      "Pace the client with a token bucket set a little below the server's limit, and batch small updates into one message instead of sending each on its own.",
      "After this close, reconnect with exponential backoff and random jitter; an immediate reconnect usually trips the same limiter again.",
      "Compare the observed rate with the configured limit before touching the server: report both with agent.closePolicy(ws, \"rate_limit\", { limit, observed }) so the dashboard can show the gap.",
      "If real users hit the limit, raise the limiter's bucket size or refill rate where it is configured rather than switching it off; Centrifugo and Discord publish their own per-connection limits (3013 / 4008).",
    ],
  },
  auth_expired: {
    id: "auth_expired",
    title: "Credentials expired during the session",
    description:
      "The connection was accepted with valid credentials, but they stopped being valid while it was open: " +
      "a JWT passed its exp claim, a session timed out, or a key or token was revoked or rotated.",
    fixHints: [
      "Refresh the token before it expires (for example a minute before the JWT exp claim) and hand the new one to the server in-band, if the protocol has a re-auth message.",
      "Otherwise close cleanly and reconnect with a fresh token: graphql-ws reads connectionParams again on every connect, and the Socket.IO client re-sends its `auth` option on reconnect.",
      "Do not let the client reconnect in a tight loop with the old token; every attempt will be closed again.",
      "If sessions expire sooner than users expect, lengthen the token lifetime (the exp the issuer sets) or the server's session timeout.",
    ],
  },
  auth_invalid: {
    id: "auth_invalid",
    title: "Missing or rejected credentials",
    description:
      "The server could not authenticate the client: no token was sent, the token or password was wrong or " +
      "malformed, its signature did not verify, or the client did not authenticate within the allowed time.",
    fixHints: [
      "Check that the client actually sends credentials where this server expects them: a header or cookie during the upgrade, or the first message (graphql-ws connectionParams, the Socket.IO `auth` option).",
      "Verify the token against the same secret, issuer and audience the server uses; a signature or audience mismatch usually means a config drift between environments.",
      "Prefer rejecting unauthenticated upgrades with HTTP 401 before the WebSocket opens; keep tokens out of URLs, where proxies log them.",
      "Do not retry automatically: without new credentials the next attempt fails the same way.",
    ],
  },
  forbidden: {
    id: "forbidden",
    title: "Not allowed to do that",
    description:
      "The client was identified, but it is not permitted to do what it tried: join a channel or room, send an " +
      "operation its role forbids, or keep using a connection after a moderator banned or kicked it.",
    fixHints: [
      "Check the permission or ACL that guards the channel, topic or operation for this user or role.",
      "Make the client ask only for channels it is entitled to, and hide actions the role cannot perform instead of letting the server close the socket.",
      "Send a specific application code (3003, or one in 4000–4999) so the client can tell a ban from a bug and stop reconnecting.",
    ],
  },
  origin_rejected: {
    id: "origin_rejected",
    title: "Origin not on the allowlist",
    description:
      "The browser page that opened the socket came from an Origin the server does not accept (cross-site " +
      "WebSocket hijacking protection), or the Origin header was missing.",
    fixHints: [
      "Add the page's exact origin (scheme, host and port) to the allowlist: ws `verifyClient`, Socket.IO `cors.origin`, Phoenix `check_origin`, Rails `config.action_cable.allowed_request_origins`, Spring `setAllowedOrigins`/`setAllowedOriginPatterns`.",
      "Reject a bad origin during the upgrade with HTTP 403 instead of accepting and closing with 1008; browsers then never open the socket.",
      "Check proxies that rewrite Host or strip Origin, and preview or staging domains that were never added.",
    ],
  },
  content_rejected: {
    id: "content_rejected",
    title: "Message content rejected",
    description:
      "A message broke the application's rules for content: it was not valid JSON, failed schema validation, " +
      "had an unknown type, arrived in the wrong order, or was refused by moderation. Some servers also use 1008 " +
      "for oversized messages instead of 1009.",
    fixHints: [
      "Validate outgoing messages on the client against the same schema the server uses, and log the rejected payload type on the server.",
      "Keep client and server protocol versions in step; an unknown message type usually means one side was deployed without the other.",
      "If the reason mentions size, treat it as a 1009 problem: see the size limits (ws `maxPayload`, Socket.IO `maxHttpBufferSize`, …) and ask the server to close with 1009.",
    ],
  },
  limit_exceeded: {
    id: "limit_exceeded",
    title: "Connection or subscription quota reached",
    description:
      "A count limit was reached: too many connections for this user, IP or plan, too many subscriptions or " +
      "channels on one connection, a full room, or a newer session that replaced this one.",
    fixHints: [
      "Reuse one connection per client (share it across tabs with a SharedWorker or BroadcastChannel) instead of opening one per component.",
      "Unsubscribe from channels that are no longer shown before subscribing to new ones.",
      "If the quota is too low, raise it where it is configured (per-user connection limit, channel limit, plan quota such as Pusher's 4004 or Centrifugo's 3504/3505).",
      "Do not reconnect immediately: the slot is usually still taken until the old connection times out.",
    ],
  },
  fragment_flood: {
    id: "fragment_flood",
    title: "Too many message fragments",
    description:
      "The peer split one message into more fragments, or left more chunks buffered, than the receiver keeps. " +
      "ws 8.21 and later close with 1008 and report WS_ERR_TOO_MANY_BUFFERED_PARTS when this happens.",
    fixHints: [
      "Send larger frames: a client that streams many tiny continuation frames should buffer and send fewer, bigger pieces.",
      "If the traffic is legitimate, raise ws `maxFragments` (default 131072) or `maxBufferedChunks` (default 1048576) on the receiving side.",
      "Treat a sudden burst of this cause as possible abuse: it is a known way to exhaust a server's memory.",
    ],
  },
  unspecified: {
    id: "unspecified",
    title: "Policy violation without a stated reason",
    description:
      "The connection was closed with 1008 but nothing says which policy: the reason was empty, generic, or not " +
      "something closewatch recognises.",
    fixHints: [
      "Have the server say why: close through agent.closePolicy(ws, cause, details) or put a short, specific reason in the close frame.",
      "Prefer a specific code the client can act on (3000 unauthorized, 3003 forbidden, or your own 4000–4999 codes) over a bare 1008.",
      "Until the cause is known, do not reconnect in a loop: a policy close repeats until something changes.",
    ],
  },
};
