/**
 * Codes defined by the protocol itself.
 * Sources: RFC 6455 §7.4.1–7.4.2 and §11.7, the IANA "WebSocket Close Code
 * Number Registry" (1012–1015 were registered after the RFC), the WHATWG
 * WebSockets standard (browsers' close() only accepts 1000 and 3000–4999),
 * and /work/shared/reference/close-codes-facts.md for which codes never appear
 * on the wire. Texts are written for closewatch.
 */
import { registeredName } from "../code-names.js";
import { defineCodes } from "./define.js";

export const RFC6455_CODES = defineCodes("rfc6455", [
  {
    from: 1000,
    name: registeredName(1000),
    meaning: "The connection did what it was opened for and one side closed it deliberately.",
    sentBy: "either",
    reconnect: "depends",
    fixHints: ["Reconnect only if the application still needs the connection; a normal close is not an error."],
  },
  {
    from: 1001,
    name: registeredName(1001),
    meaning: "The endpoint is leaving: a server shutting down or redeploying, or a browser page being closed or navigated away from.",
    sentBy: "either",
    reconnect: "backoff",
    fixHints: ["Reconnect after a short, randomised delay.", "On the server, drain connections during deploys instead of killing them."],
  },
  {
    from: 1002,
    name: registeredName(1002),
    meaning: "The endpoint received a frame that breaks the WebSocket protocol and cannot continue.",
    sentBy: "either",
    reconnect: "after_fix",
    fixHints: ["Check the ws error code (WS_ERR_*) recorded with the close; it names the rule that was broken."],
  },
  {
    from: 1003,
    name: registeredName(1003),
    meaning: "The endpoint received a kind of data it cannot handle, such as binary on a text-only endpoint.",
    sentBy: "either",
    reconnect: "after_fix",
    fixHints: ["Send the message type (text or binary) the receiver expects."],
  },
  {
    from: 1004,
    name: "Reserved",
    meaning: "Reserved by RFC 6455 with no meaning assigned; no endpoint should send it.",
    sentBy: "either",
    onWire: false,
    reconnect: "depends",
    fixHints: ["A peer that sends 1004 is misbehaving; find it and make it use a defined code."],
  },
  {
    from: 1005,
    name: registeredName(1005),
    meaning: "A close frame arrived without a status code. Endpoints report this value locally; it must never be sent.",
    sentBy: "local",
    onWire: false,
    reconnect: "depends",
    fixHints: ["Make the closing side pass an explicit code and reason."],
  },
  {
    from: 1006,
    name: registeredName(1006),
    meaning:
      "The connection ended without any close frame: a dropped TCP connection, an idle timeout at a proxy, a refused upgrade, or a library that aborts the socket on a limit. Reported locally only.",
    sentBy: "local",
    onWire: false,
    reconnect: "backoff",
    fixHints: [
      "Keep connections alive with pings shorter than every idle timeout on the path (nginx `proxy_read_timeout` 60 s, AWS ALB idle timeout 60 s).",
      "Check the server's 'error' event and the handshake response: a size error or an HTTP 401/403 often hides behind 1006.",
    ],
  },
  {
    from: 1007,
    name: registeredName(1007),
    meaning: "A message's data did not match its type, typically text that is not valid UTF-8 or a payload that failed to inflate.",
    sentBy: "either",
    reconnect: "after_fix",
    fixHints: ["Encode text as UTF-8 and send arbitrary bytes as binary messages."],
  },
  {
    from: 1008,
    name: registeredName(1008),
    meaning:
      "The endpoint closed because the peer broke one of its rules. It is the catch-all when no more specific code (1003, 1009) fits, so the reason text or a structured cause is needed to know which rule.",
    sentBy: "server",
    reconnect: "after_fix",
    fixHints: [
      "Find the cause (rate limit, expired or invalid credentials, permissions, origin, content, quota) before reconnecting; retrying unchanged repeats the close.",
      "Servers should prefer specific application codes or report the cause with agent.closePolicy so clients can react.",
    ],
  },
  {
    from: 1009,
    name: registeredName(1009),
    meaning:
      "The endpoint closed because a message, a single frame, or the decompressed payload was larger than it accepts. Either side can send it: the side with the limit is the one that closes.",
    sentBy: "either",
    reconnect: "after_fix",
    fixHints: [
      "Raise the limit on the side that closed if the size is legitimate (ws `maxPayload`, Socket.IO `maxHttpBufferSize`, uWebSockets.js `maxPayloadLength`, …), otherwise split or shrink the message.",
      "Reconnecting and resending the same message will fail again.",
    ],
  },
  {
    from: 1010,
    name: registeredName(1010),
    meaning: "Sent by a client when the server did not negotiate an extension the client requires. Servers do not send it.",
    sentBy: "client",
    reconnect: "after_fix",
    fixHints: ["Enable the extension on the server or make it optional on the client."],
  },
  {
    from: 1011,
    name: registeredName(1011),
    meaning: "The server ran into an unexpected condition that stopped it from serving the connection.",
    sentBy: "server",
    reconnect: "backoff",
    fixHints: ["Look up the server-side exception at the time of the close."],
  },
  {
    from: 1012,
    name: registeredName(1012),
    meaning: "The server is restarting; clients may come back after a short wait.",
    sentBy: "server",
    reconnect: "backoff",
    fixHints: ["Reconnect after a randomised delay of a few seconds."],
  },
  {
    from: 1013,
    name: registeredName(1013),
    meaning: "The server is temporarily unable to serve, for example because it is overloaded.",
    sentBy: "server",
    reconnect: "backoff",
    fixHints: ["Back off exponentially with jitter before reconnecting."],
  },
  {
    from: 1014,
    name: registeredName(1014),
    meaning: "A gateway or proxy received an invalid response from the upstream server.",
    sentBy: "server",
    reconnect: "backoff",
    fixHints: ["Check the upstream service behind the gateway."],
  },
  {
    from: 1015,
    name: registeredName(1015),
    meaning: "The TLS handshake failed, so no WebSocket connection was made. Reported locally only; never sent.",
    sentBy: "local",
    onWire: false,
    reconnect: "after_fix",
    fixHints: ["Fix the certificate chain, host name or TLS settings before retrying."],
  },
  {
    from: 1016,
    to: 2999,
    name: "Reserved",
    meaning: "Reserved for future versions of the protocol and its extensions; nothing is assigned here.",
    sentBy: "either",
    onWire: false,
    reconnect: "depends",
    fixHints: ["Whoever sent this code is not following RFC 6455; have it use 1000–1014, 3000–3999 or 4000–4999."],
  },
]);
