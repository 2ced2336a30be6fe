/**
 * GraphQL over WebSocket (the `graphql-transport-ws` subprotocol).
 * Sources: enisdenjo/graphql-ws PROTOCOL.md and its `CloseCode` enum
 * (docs/enums/common.CloseCode.md), and `shouldRetryConnectOrThrow` in
 * src/client.ts, which lists the codes the client never retries (4400, 4401,
 * 4406, 4409, 4429, 4500, plus the client-side 4004/4005) and explains why
 * 4403, 4408 and 4504 are retried. 4499 is the client's own `terminate()`.
 */
import { defineCodes } from "./define.js";

export const GRAPHQL_WS_CODES = defineCodes("graphql-ws", [
  {
    from: 4004,
    name: "Bad Response (graphql-ws client)",
    meaning: "Raised by the graphql-ws client itself when the server sent a message it could not understand; not sent by servers.",
    sentBy: "client",
    reconnect: "no",
    fixHints: ["Align client and server graphql-ws versions; the server spoke something the client does not parse."],
  },
  {
    from: 4005,
    name: "Internal Client Error (graphql-ws)",
    meaning: "The graphql-ws client failed internally (for example a throwing connectionParams callback) and closed the socket.",
    sentBy: "client",
    reconnect: "no",
    fixHints: ["Check the client-side exception, often in the connectionParams function."],
  },
  {
    from: 4400,
    name: "Bad Request (graphql-ws)",
    meaning: "The server received a message that is not valid in the protocol (unparseable, unknown type, or sent at the wrong time).",
    sentBy: "server",
    reconnect: "no",
    fixHints: ["Make sure client and server both speak graphql-transport-ws and not the older subscriptions-transport-ws protocol."],
  },
  {
    from: 4401,
    name: "Unauthorized (graphql-ws)",
    meaning: "The client sent a subscribe message before the server acknowledged its connection_init.",
    sentBy: "server",
    reconnect: "no",
    fixHints: ["Wait for connection_ack before subscribing; the graphql-ws client does this unless it is bypassed."],
  },
  {
    from: 4403,
    name: "Forbidden (graphql-ws)",
    meaning: "The server's onConnect hook refused the connection, usually because of missing or invalid connectionParams.",
    sentBy: "server",
    reconnect: "after_fix",
    fixHints: ["Send valid credentials in connectionParams; the client retries 4403 because access may be granted later."],
  },
  {
    from: 4406,
    name: "Subprotocol Not Acceptable (graphql-ws)",
    meaning: "The client did not offer the graphql-transport-ws subprotocol.",
    sentBy: "server",
    reconnect: "no",
    fixHints: ["Use a client that offers graphql-transport-ws, or serve the legacy protocol on a separate endpoint."],
  },
  {
    from: 4408,
    name: "Connection Initialisation Timeout (graphql-ws)",
    meaning: "The client did not send connection_init within the server's connectionInitWaitTimeout.",
    sentBy: "server",
    reconnect: "backoff",
    fixHints: ["Send connection_init right after the socket opens, or raise connectionInitWaitTimeout on the server if the client needs longer."],
  },
  {
    from: 4409,
    name: "Subscriber Already Exists (graphql-ws)",
    meaning: "The client reused an operation id that is still active on the connection.",
    sentBy: "server",
    reconnect: "no",
    fixHints: ["Generate a unique id per subscription; reusing ids is a client bug."],
  },
  {
    from: 4429,
    name: "Too Many Initialisation Requests (graphql-ws)",
    meaning: "The client sent connection_init more than once on the same connection.",
    sentBy: "server",
    reconnect: "no",
    fixHints: ["Send connection_init once per socket."],
  },
  {
    from: 4499,
    name: "Terminated (graphql-ws client)",
    meaning: "Emitted by the graphql-ws client's terminate(), typically when the app decides the socket is stuck; it is a local, synthetic close.",
    sentBy: "client",
    reconnect: "yes",
    fixHints: ["Expected after terminate(); the client reconnects. Frequent ones suggest a frozen network or missing keep-alives."],
  },
  {
    from: 4500,
    name: "Internal Server Error (graphql-ws)",
    meaning: "The server hit an unexpected error while handling the connection, for example a throwing onConnect or context function.",
    sentBy: "server",
    reconnect: "no",
    fixHints: ["Check the server logs for the exception; the reason often carries its message."],
  },
  {
    from: 4504,
    name: "Connection Acknowledgement Timeout (graphql-ws client)",
    meaning: "Raised by the graphql-ws client when the server did not acknowledge connection_init in time.",
    sentBy: "client",
    reconnect: "backoff",
    fixHints: ["Look for a slow onConnect hook on the server or raise the client's connectionAckWaitTimeout."],
  },
]);
