/**
 * Where message-size limits live, so an insight can say "raise X (default Y)".
 * Sources: /work/shared/reference/close-codes-facts.md (ws, uWebSockets.js,
 * Socket.IO, AWS API Gateway, Cloudflare, Python websockets, aiohttp, Tomcat,
 * Jetty, SignalR, Spring STOMP, gorilla, Cowboy), tungstenite's
 * WebSocketConfig docs, coder/websocket's 32 KiB read limit ("read limited at
 * 32769 bytes"), Netty's WebSocket08FrameDecoder, WebSocket-Node's config
 * defaults, Tornado's websocket_max_message_size and Mojolicious'
 * max_websocket_size.
 */
export interface SizeLimitSetting {
  /** Server, library or hosted service. */
  platform: string;
  /** The option (or quota) that holds the limit. */
  setting: string;
  /** Default limit in bytes; null when there is no limit unless one is set. */
  defaultBytes: number | null;
  /** How the limit behaves when it is hit. */
  note: string;
}

const KiB = 1024;
const MiB = 1024 * KiB;

export const SIZE_LIMIT_SETTINGS: readonly SizeLimitSetting[] = Object.freeze(
  [
    {
      platform: "ws (Node.js)",
      setting: "maxPayload",
      defaultBytes: 100 * MiB,
      note: "Checked per frame, across fragments and after permessage-deflate; the peer gets 1009, the server's own close event says 1006 with WS_ERR_UNSUPPORTED_MESSAGE_LENGTH.",
    },
    {
      platform: "Socket.IO v4",
      setting: "maxHttpBufferSize",
      defaultBytes: 1e6,
      note: "Passed to ws as maxPayload for the WebSocket transport; also caps HTTP long-polling bodies.",
    },
    {
      platform: "uWebSockets.js",
      setting: "maxPayloadLength",
      defaultBytes: 16 * KiB,
      note: "Over the limit the TCP connection is dropped without a close frame: the peer sees 1006, the handler gets 1006 \"Received too big message\".",
    },
    {
      platform: "AWS API Gateway (WebSocket APIs)",
      setting: "message / frame size quota",
      defaultBytes: 128 * KiB,
      note: "Hard quota, cannot be raised: 128 KB per message and 32 KB per frame; larger ones close with 1009.",
    },
    {
      platform: "Cloudflare Workers / Durable Objects",
      setting: "received WebSocket message size",
      defaultBytes: 32 * MiB,
      note: "Platform limit on received messages (1 MiB before 2025); closes with 1009 \"Message is too large\".",
    },
    {
      platform: "Python websockets",
      setting: "max_size",
      defaultBytes: 1 * MiB,
      note: "Closes with 1009 and a reason like \"frame with N bytes exceeds limit of M bytes\"; None disables the limit.",
    },
    {
      platform: "aiohttp",
      setting: "max_msg_size",
      defaultBytes: 4 * MiB,
      note: "Closes with 1009 (\"Message size X exceeds limit Y\"); 0 disables the limit.",
    },
    {
      platform: "Tomcat (JSR 356)",
      setting: "org.apache.tomcat.websocket.textBufferSize / binaryBufferSize",
      defaultBytes: 8 * KiB,
      note: "Messages that do not fit and are not handled as partial messages close with 1009; Spring exposes it as maxTextMessageBufferSize.",
    },
    {
      platform: "Jetty",
      setting: "maxTextMessageSize / maxBinaryMessageSize",
      defaultBytes: 64 * KiB,
      note: "Throws MessageTooLargeException and closes with 1009.",
    },
    {
      platform: "ASP.NET Core SignalR",
      setting: "MaximumReceiveMessageSize",
      defaultBytes: 32 * KiB,
      note: "Set in AddHubOptions; the connection closes with \"The maximum message size of 32768B was exceeded\".",
    },
    {
      platform: "Spring STOMP over WebSocket",
      setting: "messageSizeLimit",
      defaultBytes: 64 * KiB,
      note: "Configured on WebSocketTransportRegistration; applies to the assembled STOMP message.",
    },
    {
      platform: "gorilla/websocket (Go)",
      setting: "Conn.SetReadLimit",
      defaultBytes: null,
      note: "No limit unless set; counts bytes before decompression, and sends 1009 with an empty reason.",
    },
    {
      platform: "coder/websocket (nhooyr, Go)",
      setting: "Conn.SetReadLimit",
      defaultBytes: 32 * KiB,
      note: "Closes with 1009 \"read limited at N bytes\" (N is the limit plus one).",
    },
    {
      platform: "tungstenite (Rust)",
      setting: "WebSocketConfig.max_message_size / max_frame_size",
      defaultBytes: 64 * MiB,
      note: "Frame limit defaults to 16 MiB; an over-size message is a capacity error that typically drops the connection (peer sees 1006).",
    },
    {
      platform: "Netty",
      setting: "maxFramePayloadLength",
      defaultBytes: 64 * KiB,
      note: "Per-frame limit (65536 by default); closes with 1009 \"Max frame length of N has been exceeded.\"",
    },
    {
      platform: "Cowboy (Erlang)",
      setting: "max_frame_size",
      defaultBytes: 1e6,
      note: "Closes with 1009; before Cowboy 2.17 the default was unlimited.",
    },
    {
      platform: "WebSocket-Node",
      setting: "maxReceivedFrameSize / maxReceivedMessageSize",
      defaultBytes: 1 * MiB,
      note: "Message limit 1 MiB, frame limit 64 KiB; closes with 1009 and a reason naming the frame or message size.",
    },
    {
      platform: "Tornado",
      setting: "websocket_max_message_size",
      defaultBytes: 10 * MiB,
      note: "Application setting; closes with 1009 \"message too big\".",
    },
    {
      platform: "Mojolicious",
      setting: "max_websocket_size",
      defaultBytes: 256 * KiB,
      note: "Also settable with MOJO_MAX_WEBSOCKET_SIZE; closes with 1009.",
    },
  ].map((row) => Object.freeze(row)),
);
