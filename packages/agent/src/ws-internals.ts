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

/**
 * ws internals `_receiver._totalPayloadLength`, `_fin`, `_compressed`: when
 * Receiver#haveLength rejects a message over maxPayload, `_totalPayloadLength`
 * is the sum of the payload lengths of the message's frames so far. On the
 * final frame of an uncompressed message that is the exact attempted size;
 * otherwise the size is not knowable and `undefined` is returned.
 */
export function readAttemptedMessageSize(socket: object): number | undefined {
  const receiver: unknown = Reflect.get(socket, "_receiver");
  if (typeof receiver !== "object" || receiver === null) return undefined;
  const total: unknown = Reflect.get(receiver, "_totalPayloadLength");
  const fin: unknown = Reflect.get(receiver, "_fin");
  const compressed: unknown = Reflect.get(receiver, "_compressed");
  return fin === true && compressed === false && isCount(total) && total > 0 ? total : undefined;
}

/** Public `wss.options.maxPayload` (ws fills in its 100 MiB default); 0 means no limit. */
export function readMaxPayload(wss: { readonly options?: { readonly maxPayload?: number | undefined } }): number | undefined {
  const value: unknown = wss.options?.maxPayload;
  return isCount(value) && value > 0 ? value : undefined;
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
