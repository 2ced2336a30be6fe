import type { Evidence } from "@closewatch/protocol";
import { reasonText, WS_ERROR_CODE_PATTERN } from "./sanitize.js";
import type { BufferedParts, InboundSize } from "./ws-internals.js";

/**
 * Outbound sizes are kept per time bucket of 10 coarse-clock ticks (2.5 s):
 * the current bucket and the one before, so "recently" is between one and two
 * buckets (2.5–5 s) back. Times here are CoarseClock ticks, not ms.
 */
export const TICKS_PER_SEND_BUCKET = 10;

/** The first close frame of a connection, as far as this server knows. */
export type FirstClose =
  /** The server sent the first close frame with this code (1005 when it sent none) and reason. */
  | { readonly by: "server"; readonly code: number; readonly reason: string }
  /** The client's close frame came first; the server only echoed it. */
  | { readonly by: "client" };

/** A pending closePolicy: recorded just before its close(1008) call. */
export interface PolicyClose {
  readonly cause: string | undefined;
  readonly evidence: Evidence | undefined;
}

/** The largest message the server sent recently, for a client's 1009. */
export interface RecentSend {
  readonly size: number;
  /** How many clock ticks before `now` it was sent. */
  readonly agoTicks: number;
  /** It was a fragmented message still being sent (`send(…, { fin: false })`): a lower bound. */
  readonly partial: boolean;
}

/**
 * What the agent has seen of one connection. O(1) per message; no buffers are
 * kept, so a connection costs a few numbers however long it lives. Every
 * field the send/emit wrappers update starts as a number or boolean and stays
 * one, so V8 keeps them unboxed and those updates allocate nothing.
 */
export interface ConnectionState {
  readonly openedAt: number;
  messagesIn: number;
  bytesIn: number;
  messagesOut: number;
  bytesOut: number;
  firstClose: FirstClose | undefined;
  policy: PolicyClose | undefined;
  terminatedByServer: boolean;
  wsErrorCode: string | undefined;
  /** Read from ws's receiver when it raised WS_ERR_UNSUPPORTED_MESSAGE_LENGTH. */
  inbound: InboundSize | undefined;
  /** Read from ws's receiver when it raised WS_ERR_TOO_MANY_BUFFERED_PARTS. */
  parts: BufferedParts | undefined;
  /** permessage-deflate negotiated; read at close. */
  deflate: boolean | undefined;

  /** Bytes so far of a message the server is sending in fragments (0 when none). */
  sendPending: number;
  /** `floor(tick / TICKS_PER_SEND_BUCKET)` of the current bucket; -2 before the first send. */
  sendBucket: number;
  /** Largest message size in the current bucket (-1: none), its tick, and whether it was unfinished. */
  sendMax: number;
  sendMaxAt: number;
  sendMaxPartial: boolean;
  /** The same for the bucket just before the current one. */
  sendPrevMax: number;
  sendPrevMaxAt: number;
  sendPrevMaxPartial: boolean;
}

export function createConnectionState(openedAt: number): ConnectionState {
  return {
    openedAt,
    messagesIn: 0,
    bytesIn: 0,
    messagesOut: 0,
    bytesOut: 0,
    firstClose: undefined,
    policy: undefined,
    terminatedByServer: false,
    wsErrorCode: undefined,
    inbound: undefined,
    parts: undefined,
    deflate: undefined,
    sendPending: 0,
    sendBucket: -2,
    sendMax: -1,
    sendMaxAt: 0,
    sendMaxPartial: false,
    sendPrevMax: -1,
    sendPrevMaxAt: 0,
    sendPrevMaxPartial: false,
  };
}

/**
 * One `send()` by the server while OPEN: `bytes` of payload, `fin` false for a
 * fragment of a message that continues, `tick` the coarse clock. O(1), and
 * only small integers and booleans are stored: no allocation.
 */
export function recordSend(state: ConnectionState, bytes: number, fin: boolean, tick: number): void {
  const size = state.sendPending + bytes;
  state.sendPending = fin ? 0 : size;
  const bucket = Math.floor(tick / TICKS_PER_SEND_BUCKET);
  if (bucket !== state.sendBucket) {
    if (bucket === state.sendBucket + 1) {
      state.sendPrevMax = state.sendMax;
      state.sendPrevMaxAt = state.sendMaxAt;
      state.sendPrevMaxPartial = state.sendMaxPartial;
    } else {
      state.sendPrevMax = -1;
    }
    state.sendBucket = bucket;
    state.sendMax = -1;
  }
  // ">=": the last fragment of a message (possibly empty) marks it finished.
  if (size >= state.sendMax) {
    state.sendMax = size;
    state.sendMaxAt = tick;
    state.sendMaxPartial = !fin;
  }
}

/** The largest message sent in the last 2.5–5 s before `tick`, if any. */
export function largestRecentSend(state: ConnectionState, tick: number): RecentSend | undefined {
  const bucket = Math.floor(tick / TICKS_PER_SEND_BUCKET);
  let size = -1;
  let at = 0;
  let partial = false;
  if (state.sendBucket === bucket && state.sendPrevMax > 0) {
    size = state.sendPrevMax;
    at = state.sendPrevMaxAt;
    partial = state.sendPrevMaxPartial;
  }
  if ((state.sendBucket === bucket || state.sendBucket === bucket - 1) && state.sendMax > 0 && state.sendMax >= size) {
    size = state.sendMax;
    at = state.sendMaxAt;
    partial = state.sendMaxPartial;
  }
  if (size <= 0) return undefined;
  return { size, agoTicks: Math.max(0, tick - at), partial };
}

/**
 * A close() call on the server socket while it was still OPEN: it sends the
 * first close frame from this side. Only the first one counts; later calls
 * (while CLOSING) send nothing.
 *
 * @param frameReceived ws's `_closeFrameReceived` at the time of the call.
 */
export function recordCloseCall(
  state: ConnectionState,
  args: readonly unknown[],
  frameReceived: boolean | undefined,
): void {
  if (state.firstClose) return;
  if (frameReceived === true) {
    state.firstClose = { by: "client" };
    return;
  }
  const code = args[0];
  // ws sends an empty close frame (no code, no reason) when close() gets no code;
  // the peer sees 1005.
  if (typeof code !== "number") {
    state.firstClose = { by: "server", code: 1005, reason: "" };
    return;
  }
  state.firstClose = { by: "server", code, reason: reasonText(args[1]) };
}

/**
 * An 'error' of the socket: the first one with a valid `err.code` is kept.
 * Returns this error's code (even when an earlier one was kept), or undefined.
 */
export function recordError(state: ConnectionState, error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  const code = error.code;
  if (typeof code !== "string" || !WS_ERROR_CODE_PATTERN.test(code)) return undefined;
  state.wsErrorCode ??= code;
  return code;
}
