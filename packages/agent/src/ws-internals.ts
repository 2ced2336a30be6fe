import { isCount } from "./sanitize.js";

/**
 * Everything the agent knows about `ws` (checked against ws 8.23) lives here,
 * so a change in ws has one place to land. Guard tests in
 * test/ws-internals.test.ts fail loudly if the internals below change.
 */

/** ws `WebSocket.OPEN` / `CLOSED` (public constants). */
export const READY_STATE_OPEN = 1;
export const READY_STATE_CLOSED = 3;

type Method = (this: unknown, ...args: unknown[]) => unknown;

/** The members of a ws `WebSocket` the agent wraps; all public API. */
export interface WsSocket {
  readonly readyState: number;
  close: Method;
  terminate: Method;
  send: Method;
  emit: Method;
}

export const WRAPPED_METHODS = ["close", "terminate", "send", "emit"] as const;
export type WrappedMethod = (typeof WRAPPED_METHODS)[number];

export function isWsSocket(value: unknown): value is WsSocket {
  return (
    typeof value === "object" &&
    value !== null &&
    "readyState" in value &&
    typeof value.readyState === "number" &&
    "close" in value &&
    typeof value.close === "function" &&
    "terminate" in value &&
    typeof value.terminate === "function" &&
    "send" in value &&
    typeof value.send === "function" &&
    "emit" in value &&
    typeof value.emit === "function"
  );
}

/**
 * ws internal `_closeFrameReceived`: receiverOnConclude sets it to true before
 * it echoes the peer's close through `websocket.close(code, reason)`. A close()
 * call that finds it true is therefore an echo (the client initiated); one that
 * finds it false is the server initiating. `undefined` means ws changed.
 */
export function readCloseFrameReceived(socket: object): boolean | undefined {
  const value: unknown = Reflect.get(socket, "_closeFrameReceived");
  return typeof value === "boolean" ? value : undefined;
}

/** The receiver of a ws socket (internal `WebSocket#_receiver`), or undefined. */
function receiverOf(socket: object): object | undefined {
  const receiver: unknown = Reflect.get(socket, "_receiver");
  return typeof receiver === "object" && receiver !== null ? receiver : undefined;
}

function readCount(target: object, key: string): number | undefined {
  const value: unknown = Reflect.get(target, key);
  return isCount(value) ? value : undefined;
}

function readBoolean(target: object, key: string): boolean | undefined {
  const value: unknown = Reflect.get(target, key);
  return typeof value === "boolean" ? value : undefined;
}

/** What ws's receiver knew of a message it rejected with WS_ERR_UNSUPPORTED_MESSAGE_LENGTH. */
export interface InboundSize {
  /**
   * The size ws compared with maxPayload when it gave up: the payload bytes
   * the frame headers declared (for a compressed message rejected on the
   * wire, its compressed size), or the inflated size when the limit was hit
   * while decompressing.
   */
  readonly messageSize: number;
  /** More of the message was still to come (or to inflate): `messageSize` is only a lower bound. */
  readonly sizeIsLowerBound: boolean;
  /** Payload length declared by the header of the frame being read when the limit was hit. */
  readonly frameSize: number | undefined;
  /** The message was compressed (permessage-deflate, RSV1 set). */
  readonly compressed: boolean;
  /** For a compressed message: its payload bytes on the wire declared so far. */
  readonly wireSize: number | undefined;
  /** The limit was hit on the inflated output, not on the bytes on the wire. */
  readonly whileInflating: boolean;
}

/**
 * Reads the receiver of a socket that has just failed with
 * WS_ERR_UNSUPPORTED_MESSAGE_LENGTH. ws raises that error on three paths
 * (lib/receiver.js, lib/permessage-deflate.js in ws 8.23), told apart with
 * these internals of `WebSocket#_receiver`:
 *
 * - `_totalPayloadLength`: sum of the payload lengths the headers of the
 *   message's frames declared so far, current frame included (Receiver#haveLength
 *   adds it and compares it with maxPayload before the payload arrives).
 * - `_payloadLength`: the current frame's declared payload length.
 * - `_fin`: the current frame is the message's last.
 * - `_compressed`: the message is compressed.
 * - `_messageLength`: inflated bytes of the message's earlier frames (after
 *   Receiver#decompress added the current frame's output when that pushed it
 *   over the limit).
 * - `_maxPayload`: the limit the receiver enforces.
 *
 * 1. Receiver#haveLength: `_totalPayloadLength > _maxPayload`. Exact on the
 *    final frame; a lower bound on an earlier fragment.
 * 2. Receiver#decompress: a compressed message whose inflated fragments add up
 *    past the limit: `_messageLength > _maxPayload` is that sum.
 * 3. PerMessageDeflate inflateOnData: one frame inflated past the limit on its
 *    own (ws stops inflating there, so the total is not known):
 *    `_messageLength + _maxPayload + 1` is a lower bound.
 *
 * `undefined` when the receiver lacks these internals (ws changed).
 */
export function readInboundSize(socket: object, fallbackLimit: number | undefined): InboundSize | undefined {
  const receiver = receiverOf(socket);
  if (receiver === undefined) return undefined;
  const total = readCount(receiver, "_totalPayloadLength");
  const frame = readCount(receiver, "_payloadLength");
  const fin = readBoolean(receiver, "_fin");
  const compressed = readBoolean(receiver, "_compressed");
  const ownLimit = readCount(receiver, "_maxPayload");
  const limit = ownLimit !== undefined && ownLimit > 0 ? ownLimit : fallbackLimit;
  if (total === undefined || fin === undefined || compressed === undefined) return undefined;
  const frameSize = frame !== undefined && frame > 0 ? frame : undefined;

  if (limit === undefined ? !compressed : total > limit) {
    if (total === 0) return undefined;
    const wireSize = compressed ? total : undefined;
    return { messageSize: total, sizeIsLowerBound: !fin, frameSize, compressed, wireSize, whileInflating: false };
  }
  if (!compressed || limit === undefined) return undefined;
  const inflated = readCount(receiver, "_messageLength");
  if (inflated === undefined) return undefined;
  const wireSize = total > 0 ? total : undefined;
  if (inflated > limit) return { messageSize: inflated, sizeIsLowerBound: !fin, frameSize, compressed, wireSize, whileInflating: true };
  return { messageSize: inflated + limit + 1, sizeIsLowerBound: true, frameSize, compressed, wireSize, whileInflating: true };
}

/** What ws's receiver knew when it rejected a message with WS_ERR_TOO_MANY_BUFFERED_PARTS. */
export interface BufferedParts {
  /** Parts counted, including the one that went over the limit. */
  readonly parts: number;
  /** `fragments`: frames of one message (`maxFragments`); `chunks`: socket reads buffered unparsed (`maxBufferedChunks`). */
  readonly kind: "fragments" | "chunks";
  /** The limit ws enforced. */
  readonly limit: number;
}

/**
 * ws ≥ 8.21 internals of `WebSocket#_receiver` for WS_ERR_TOO_MANY_BUFFERED_PARTS
 * (both paths close with 1008):
 *
 * - Receiver#getData counts a message's frames in `_numFragments` (only while
 *   `_maxFragments` > 0) and fails once `_numFragments > _maxFragments`.
 * - Receiver#_write fails when `_buffers` (socket reads waiting to be parsed)
 *   already holds `_maxBufferedChunks` chunks; the refused chunk is not in it.
 *
 * `undefined` when neither is readable (ws changed).
 */
export function readBufferedParts(socket: object): BufferedParts | undefined {
  const receiver = receiverOf(socket);
  if (receiver === undefined) return undefined;
  const maxFragments = readCount(receiver, "_maxFragments");
  const fragments = readCount(receiver, "_numFragments");
  if (maxFragments !== undefined && maxFragments > 0 && fragments !== undefined && fragments > maxFragments) {
    return { parts: fragments, kind: "fragments", limit: maxFragments };
  }
  const maxChunks = readCount(receiver, "_maxBufferedChunks");
  const buffers: unknown = Reflect.get(receiver, "_buffers");
  if (maxChunks !== undefined && maxChunks > 0 && Array.isArray(buffers) && buffers.length >= maxChunks) {
    return { parts: buffers.length + 1, kind: "chunks", limit: maxChunks };
  }
  return undefined;
}

/**
 * Whether permessage-deflate was negotiated on this connection, from the
 * public `WebSocket#extensions` (names of the negotiated extensions, comma
 * separated; still set after the close). `offered === false` (the server's
 * `perMessageDeflate` option is off) settles it when `extensions` is unreadable.
 */
export function readDeflateNegotiated(socket: object, offered: boolean | undefined): boolean | undefined {
  const extensions: unknown = Reflect.get(socket, "extensions");
  if (typeof extensions === "string") return DEFLATE_IN_LIST.test(extensions);
  return offered === false ? false : undefined;
}

const DEFLATE_IN_LIST = /(?:^|,)\s*permessage-deflate\s*(?:,|$)/;

/** Public `wss.options.maxPayload` (ws fills in its 100 MiB default); 0 means no limit. */
export function readMaxPayload(wss: { readonly options?: { readonly maxPayload?: number | undefined } }): number | undefined {
  const value: unknown = wss.options?.maxPayload;
  return isCount(value) && value > 0 ? value : undefined;
}

/** Public `wss.options.perMessageDeflate`: whether the server offers compression at all. */
export function readDeflateOffered(wss: { readonly options?: object }): boolean | undefined {
  const options = wss.options;
  if (typeof options !== "object" || options === null) return undefined;
  const value: unknown = Reflect.get(options, "perMessageDeflate");
  if (value === undefined) return undefined;
  return value !== false && value !== null && value !== 0;
}

/** Byte size of what ws hands to 'message' listeners: Buffer, ArrayBuffer or Buffer[] (binaryType "fragments"). */
export function receivedBytes(data: unknown): number {
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  if (Array.isArray(data)) {
    let total = 0;
    for (const part of data) total += receivedBytes(part);
    return total;
  }
  return 0;
}

/** Byte size of what the host passes to `send`, as ws would encode it. */
export function sentBytes(data: unknown): number {
  if (typeof data === "string") return Buffer.byteLength(data, "utf8");
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  if (typeof data === "number") return String(data).length;
  if (typeof Blob !== "undefined" && data instanceof Blob) return data.size;
  return 0;
}
