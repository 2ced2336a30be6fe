import type { SizeCause } from "../causes.js";
import type { CauseEntry } from "./types.js";

/**
 * Why a 1009 (Message Too Big) happened. The same entries explain a 1006 that
 * the enforcing side recorded for a size limit (ws and uWebSockets.js report
 * 1006 locally while the peer sees 1009, or nothing at all).
 * Defaults quoted here are the ones in SIZE_LIMIT_SETTINGS.
 */
export const SIZE_CAUSE_INFO: Readonly<Record<SizeCause, CauseEntry>> = {
  message_too_big: {
    id: "message_too_big",
    title: "Message over the receiver's size limit",
    description:
      "A whole message (all of its fragments together) was larger than the receiving side accepts. The side " +
      "that enforced the limit sends 1009; with ws its own 'close' event says 1006, and uWebSockets.js just " +
      "drops the TCP connection so the peer sees 1006.",
    fixHints: [
      "If messages this large are expected, raise the limit on the receiving side: ws `maxPayload` (default 100 MiB), Socket.IO `maxHttpBufferSize` (default 1e6 bytes), uWebSockets.js `maxPayloadLength` (default 16 KiB), Python websockets `max_size` (1 MiB), aiohttp `max_msg_size` (4 MiB).",
      "On JVM and .NET servers the knobs are Tomcat's text/binary buffer size (8 KiB), Jetty `maxTextMessageSize`/`maxBinaryMessageSize` (64 KiB), Spring STOMP `messageSizeLimit` (64 KB) and SignalR `MaximumReceiveMessageSize` (32 KB).",
      "Hosted limits cannot be raised: AWS API Gateway caps a message at 128 KB and Cloudflare Workers/Durable Objects cap received messages (1 MiB, 32 MiB since 2025). Split the data at the application level instead.",
      "For large blobs (files, images, snapshots), upload them over HTTP or to object storage and send only a reference over the socket.",
      "When the server's message was rejected by the client (initiator = client), shrink or paginate what the server sends, or raise the client library's limit.",
    ],
  },
  frame_too_big: {
    id: "frame_too_big",
    title: "Single frame over the frame limit",
    description:
      "One frame was larger than the receiver allows per frame, even if the message as a whole might have been " +
      "acceptable. Frame limits are common on gateways and on JVM and Rust stacks.",
    fixHints: [
      "Send big messages as several frames: AWS API Gateway accepts at most 32 KB per frame (a hard quota), and many clients, ws included, send a whole message as one frame unless told otherwise (ws `send(chunk, { fin: false })`).",
      "Raise the per-frame limit where it is configurable: Netty `maxFramePayloadLength` (default 65536), tungstenite `max_frame_size` (16 MiB), WebSocket-Node `maxReceivedFrameSize` (64 KiB), Autobahn `maxFramePayloadSize`, Cowboy `max_frame_size`.",
      "Check every hop: a proxy or gateway with a smaller frame limit than the server closes first.",
    ],
  },
  decompressed_too_big: {
    id: "decompressed_too_big",
    title: "Message too big once decompressed",
    description:
      "The compressed frame was small enough, but inflating it (permessage-deflate) produced more bytes than the " +
      "limit. Limits apply to the decompressed size so that a tiny compressed payload cannot exhaust memory.",
    fixHints: [
      "Compression does not get a big message past the limit: ws counts the inflated bytes against `maxPayload`, and Netty and undici enforce their own decompressed maximum.",
      "Shrink the logical message (paginate, send deltas, drop unused fields) or raise the receiver's message limit if the size is legitimate.",
      "A burst of this cause from one client can be a compression bomb: keep the limit and block the sender.",
    ],
  },
  unspecified: {
    id: "unspecified",
    title: "Too big, but no detail",
    description:
      "The connection was closed with 1009 and nothing says whether a message, a frame or the decompressed size " +
      "was over the limit, or what the limit was.",
    fixHints: [
      "Look at who closed (the initiator): the limit belongs to that side, and that is where the option has to change.",
      "Compare the sizes the agent recorded (messageSize, sizeLimit) with the defaults in the size-limit table, e.g. ws `maxPayload` 100 MiB, Socket.IO `maxHttpBufferSize` 1e6 bytes, uWebSockets.js `maxPayloadLength` 16 KiB.",
      "Ask the enforcing server to include the limit in the close reason; it makes the next incident a one-line fix.",
    ],
  },
};
