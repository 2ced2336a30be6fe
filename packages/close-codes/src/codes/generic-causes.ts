import type { CauseEntry } from "./types.js";

/**
 * The one generic cause of every code other than 1008/1009 (ids from
 * GENERIC_CAUSE_BY_CODE and genericCause()). Codes that carry no finer
 * evidence are explained here once, so the code entry and the cause agree.
 */
export const GENERIC_CAUSE_INFO: Readonly<Record<string, CauseEntry>> = {
  normal: {
    id: "normal",
    title: "Closed on purpose",
    description: "One side finished and closed the connection deliberately; nothing went wrong.",
    fixHints: ["Nothing to fix. If users did not expect the disconnect, look for the code path that calls close() without a reason."],
  },
  going_away: {
    id: "going_away",
    title: "Endpoint going away",
    description:
      "The server is shutting down or redeploying, or the browser tab navigated away or was closed. Proxies and " +
      "gateways also send it when they end an idle connection.",
    fixHints: [
      "Reconnect after a short randomised delay so a redeploy does not cause a thundering herd.",
      "Drain connections during deploys (stop accepting, wait, then close) so clients can move before the process exits.",
    ],
  },
  protocol_error: {
    id: "protocol_error",
    title: "WebSocket protocol error",
    description:
      "A frame broke RFC 6455: a bad opcode, a missing or unexpected mask, reserved bits set without an " +
      "extension, a fragmented control frame or an invalid close code.",
    fixHints: [
      "Look for hand-written framing code or a proxy that rewrites frames; the ws error code (WS_ERR_*) names the exact rule.",
      "Upgrade the client library; old versions of several libraries mask frames incorrectly.",
    ],
  },
  unsupported_data: {
    id: "unsupported_data",
    title: "Data type not accepted",
    description: "The receiver only handles text or only binary messages and got the other kind.",
    fixHints: ["Send the message type the server expects (for example JSON as text), or make the server accept both."],
  },
  no_status: {
    id: "no_status",
    title: "Closed without a status code",
    description: "A close frame arrived with no code in it. The receiving side reports 1005; it is never sent itself.",
    fixHints: ["Have the closing side pass an explicit code (1000 at least) so the reason is recorded."],
  },
  abnormal: {
    id: "abnormal",
    title: "Connection dropped without a close frame",
    description:
      "No close frame was exchanged: the TCP connection was cut, a proxy timed out an idle socket, the network " +
      "changed, or the upgrade was refused with an HTTP error before the socket opened. Only reported locally.",
    fixHints: [
      "Send pings more often than the shortest idle timeout on the path: nginx `proxy_read_timeout` (60 s by default), AWS ALB `idle_timeout.timeout_seconds` (60 s by default).",
      "A 1006 straight after connecting is often a refused upgrade (401/403/400 for auth, origin or subprotocol); check the HTTP response of the handshake.",
      "On the server, look at the 'error' event next to the close: ws reports WS_ERR_* codes there, and a size error means the peer saw 1009.",
      "uWebSockets.js drops the TCP connection when a message exceeds `maxPayloadLength` (16 KiB by default), which the peer sees as 1006.",
    ],
  },
  invalid_payload: {
    id: "invalid_payload",
    title: "Invalid message data",
    description: "A text message was not valid UTF-8, or a compressed message could not be inflated.",
    fixHints: ["Send binary data as binary messages, and make sure text is encoded as UTF-8 before sending."],
  },
  missing_extension: {
    id: "missing_extension",
    title: "Required extension not negotiated",
    description: "The client needed an extension (such as permessage-deflate) that the server did not agree to during the handshake.",
    fixHints: ["Enable the extension on the server or stop requiring it on the client."],
  },
  internal_error: {
    id: "internal_error",
    title: "Server error",
    description: "The server hit an unexpected condition (an exception in a handler, a failed dependency) and gave up on the connection.",
    fixHints: ["Find the server-side exception logged at the close time; reconnect with backoff meanwhile."],
  },
  service_restart: {
    id: "service_restart",
    title: "Service restarting",
    description: "The server is restarting and expects clients to come back shortly.",
    fixHints: ["Reconnect after a randomised delay of a few seconds."],
  },
  try_again_later: {
    id: "try_again_later",
    title: "Server overloaded",
    description: "The server is temporarily refusing work, usually because it is overloaded.",
    fixHints: ["Reconnect with exponential backoff and jitter, and check the server's capacity."],
  },
  bad_gateway: {
    id: "bad_gateway",
    title: "Upstream failure at a gateway",
    description: "A gateway or proxy got an invalid response from the server behind it.",
    fixHints: ["Check the health of the upstream service behind the gateway; reconnect with backoff."],
  },
  tls_handshake: {
    id: "tls_handshake",
    title: "TLS handshake failed",
    description: "The TLS handshake failed (for example the certificate could not be verified). Only reported locally.",
    fixHints: ["Check the certificate chain, host name and TLS versions offered by the server."],
  },
  library: {
    id: "library",
    title: "Library or framework code",
    description:
      "The code is in the 3000–3999 range, which libraries, frameworks and services register for their own use; " +
      "its meaning comes from the library that sent it.",
    fixHints: ["Look the code up in the documentation of the library or service in use (Centrifugo, for example, uses this range)."],
  },
  application: {
    id: "application",
    title: "Application-defined code",
    description:
      "The code is in the 4000–4999 private range, so the application (or the protocol it speaks, such as " +
      "graphql-ws, Discord or Pusher) decides what it means.",
    fixHints: ["Check the application's own list of close codes; the reason text usually says more."],
  },
  unspecified: {
    id: "unspecified",
    title: "Not an assigned close code",
    description: "The code is reserved or outside the ranges RFC 6455 allows, so it has no agreed meaning.",
    fixHints: ["Find the sender and make it use a valid code: 1000–1014 as defined, 3000–3999 when registered, or 4000–4999 for private use."],
  },
};
