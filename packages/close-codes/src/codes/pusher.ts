/**
 * Pusher Channels protocol error codes (sent as pusher:error, then the
 * connection is closed with the same code).
 * Sources: Pusher Channels Protocol docs ("Error codes": 4000–4099 do not
 * reconnect, 4100–4199 reconnect after backing off, 4200–4299 reconnect
 * immediately, 4300–4399 other errors), and client libraries that copy that
 * list (pusher-websocket-cpp error_code enum, a Python client's ERROR_CODES
 * with 4301 "client event rejected due to rate limit"), and Laravel Reverb's
 * ConnectionLimitExceeded (4004 "Application is over connection quota").
 */
import { defineCodes } from "./define.js";
import type { CodeSpec } from "./types.js";

const single = (from: number, name: string, meaning: string, hint: string, reconnect: CodeSpec["reconnect"]): CodeSpec => ({
  from,
  name: `${name} (Pusher)`,
  meaning,
  sentBy: "server",
  reconnect,
  fixHints: [hint],
});

export const PUSHER_CODES = defineCodes("pusher", [
  {
    from: 4000,
    to: 4099,
    name: "Do not reconnect (Pusher)",
    meaning: "Pusher closed the connection and reconnecting with the same parameters will fail again.",
    sentBy: "server",
    reconnect: "no",
    fixHints: ["Fix the app key, cluster, TLS setting or plan before connecting again."],
  },
  {
    from: 4100,
    to: 4199,
    name: "Reconnect with backoff (Pusher)",
    meaning: "Pusher closed the connection; the client may reconnect after waiting at least a second.",
    sentBy: "server",
    reconnect: "backoff",
    fixHints: ["Reconnect after a delay of a second or more, growing on repeats."],
  },
  {
    from: 4200,
    to: 4299,
    name: "Reconnect immediately (Pusher)",
    meaning: "Pusher closed the connection and the client should reconnect straight away.",
    sentBy: "server",
    reconnect: "yes",
    fixHints: ["Reconnect immediately."],
  },
  {
    from: 4300,
    to: 4399,
    name: "Other error (Pusher)",
    meaning: "Pusher errors outside the reconnect categories, such as rejected client events.",
    sentBy: "server",
    reconnect: "depends",
    fixHints: ["Read the error message Pusher sent with the code."],
  },
  single(4000, "SSL only", "The app only accepts TLS connections.", "Connect with wss:// (forceTLS).", "after_fix"),
  single(4001, "App does not exist", "No app matches the key in the URL.", "Check the app key and cluster.", "no"),
  single(4003, "App disabled", "The app has been disabled.", "Re-enable the app in the dashboard.", "no"),
  single(4004, "Over connection quota", "The app reached the connection limit of its plan.", "Close unused connections or upgrade the plan; reconnecting now will be refused.", "no"),
  single(4005, "Path not found", "The connection URL path is wrong.", "Use the client library's URL format.", "no"),
  single(4006, "Invalid version string format", "The protocol version parameter could not be parsed.", "Upgrade or fix the client library.", "no"),
  single(4007, "Unsupported protocol version", "The client speaks a protocol version Pusher no longer supports.", "Upgrade the client library.", "no"),
  single(4008, "No protocol version supplied", "The client did not send a protocol version.", "Use an official client library or add the protocol parameter.", "no"),
  single(4009, "Connection unauthorized", "The connection was not authorized (for example user authentication did not complete in time).", "Check the user authentication endpoint and its response.", "after_fix"),
  single(4100, "Over capacity", "Pusher is over capacity for this app or cluster.", "Reconnect with backoff.", "backoff"),
  single(4200, "Generic reconnect", "Pusher asks the client to reconnect.", "Reconnect immediately.", "yes"),
  single(4201, "Pong not received", "The server pinged and the client did not answer in time.", "Make sure the client handles pusher:ping; it reconnects automatically.", "yes"),
  single(4202, "Closed after inactivity", "The client was idle for too long and does not support ping.", "Use a client that implements protocol version 5 or later.", "yes"),
  single(4301, "Client event rate limit", "Client events were sent faster than the allowed rate.", "Throttle client events (client-*) on the sender.", "depends"),
]);
