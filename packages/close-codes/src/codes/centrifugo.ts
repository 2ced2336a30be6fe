/**
 * Centrifugo / Centrifuge disconnect codes.
 * Sources: centrifugal/centrifugal.dev docs/server/codes.md ("Client
 * disconnect codes": 3000 connection closed, non-terminal 3001–3013,
 * terminal 3500–3509), the Centrifugo FAQ (3501 "bad request" is what a
 * client without credentials gets), and the client SDK convention that codes
 * 3000–3499 (and 4000–4499) reconnect while 3500–3999 (and 4500–4999) do
 * not. The 4xxx convention is not added as entries so that other apps' 4xxx
 * codes are not described as Centrifugo's.
 */
import { defineCodes } from "./define.js";
import type { CodeSpec } from "./types.js";

const reconnecting = (from: number, name: string, meaning: string, hint: string): CodeSpec => ({
  from,
  name: `${name} (Centrifugo)`,
  meaning,
  sentBy: "server",
  reconnect: "backoff",
  fixHints: [hint],
});

const terminal = (from: number, name: string, meaning: string, hint: string): CodeSpec => ({
  from,
  name: `${name} (Centrifugo)`,
  meaning,
  sentBy: "server",
  reconnect: "after_fix",
  fixHints: [hint],
});

export const CENTRIFUGO_CODES = defineCodes("centrifugo", [
  {
    from: 3000,
    to: 3499,
    name: "Reconnectable disconnect (Centrifugo)",
    meaning: "Centrifugo's non-terminal range: the client SDK reconnects on its own after these.",
    sentBy: "server",
    reconnect: "backoff",
    fixHints: ["Let the SDK reconnect; look at the specific code if it keeps happening."],
  },
  {
    from: 3500,
    to: 3999,
    name: "Terminal disconnect (Centrifugo)",
    meaning: "Centrifugo's terminal range: the client SDK stays disconnected until the application intervenes.",
    sentBy: "server",
    reconnect: "after_fix",
    fixHints: ["Fix the reported problem (token, request format, limits, permissions) before connecting again."],
  },
  {
    from: 3000,
    name: "Connection closed (Centrifugo)",
    meaning: "Used in Centrifugo's metrics when a connection ended without any advice from the server, cleanly or through a network loss.",
    sentBy: "either",
    reconnect: "yes",
    fixHints: ["Nothing specific; frequent ones point at flaky networks or idle timeouts."],
  },
  reconnecting(3001, "Shutdown", "The node is shutting down.", "Reconnect to another node after a short delay."),
  reconnecting(3004, "Internal server error", "Something failed inside Centrifugo while serving the connection.", "Check the Centrifugo logs around the time of the close."),
  reconnecting(3005, "Connection expired", "The connection's token expired and was not refreshed in time.", "Implement the SDK's token refresh (getToken) so the connection is renewed before expiry."),
  reconnecting(3006, "Subscription expired", "A subscription token expired and was not refreshed.", "Provide a subscription token refresh callback."),
  reconnecting(3008, "Slow", "The client read messages too slowly and its outgoing queue overflowed.", "Process messages faster on the client or publish less to that channel."),
  reconnecting(3009, "Write error", "Writing to the client's connection failed.", "Usually a network problem on the client side; it reconnects."),
  reconnecting(3010, "Insufficient state", "The server detected a gap in the client's position in a channel stream.", "Reconnect and let recovery fetch the missed publications."),
  reconnecting(3011, "Force reconnect", "The server asked the client to reconnect.", "No action; the SDK reconnects."),
  reconnecting(3012, "No pong", "The client did not answer the server's application-level ping in time.", "Check that the client is not blocked and that proxies pass the pings."),
  reconnecting(3013, "Too many requests", "The client sent more commands than the server's rate limit allows.", "Reduce the command rate on the client and reconnect with backoff."),
  terminal(3500, "Invalid token", "The connection token could not be verified.", "Issue a valid token (right secret/key, not expired) before connecting again."),
  terminal(3501, "Bad request", "The client sent malformed protocol frames, or connected without any credentials.", "Check that the client provides a token (or connect proxy) and speaks the protocol version the server expects."),
  terminal(3502, "Stale", "The connection did not authenticate within the allowed time after opening.", "Send the connect command promptly after the socket opens."),
  terminal(3503, "Force disconnect", "The server disconnected the client and asked it not to come back.", "Find out why the user was disconnected through the server API."),
  terminal(3504, "Connection limit", "The user or rule exceeded the configured number of connections.", "Close unused connections or raise the per-user connection limit."),
  terminal(3505, "Channel limit", "The connection exceeded the configured number of channels.", "Unsubscribe from unused channels or raise the channel limit."),
  terminal(3506, "Inappropriate protocol", "The connection's format cannot carry the data, e.g. a JSON client received binary data.", "Use the Protobuf protocol for binary channels, or publish JSON."),
  terminal(3507, "Permission denied", "The client tried to access something without enough permissions.", "Grant the permission or stop requesting the resource."),
  terminal(3508, "Not available", "The requested feature is not available for this message type or configuration.", "Enable the feature on the server (for example a message handler) or stop using it."),
  terminal(3509, "Too many errors", "The client produced too many errors in a row.", "Find and fix the failing commands in the client."),
]);
