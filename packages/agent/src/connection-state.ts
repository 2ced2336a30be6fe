import type { Evidence } from "@closewatch/protocol";
import { reasonText, WS_ERROR_CODE_PATTERN } from "./sanitize.js";

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

/**
 * What the agent has seen of one connection. O(1) per message; no buffers are
 * kept, so a connection costs a few numbers however long it lives.
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
  messageSize: number | undefined;
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
    messageSize: undefined,
  };
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

export function recordError(state: ConnectionState, error: unknown): void {
  if (state.wsErrorCode !== undefined) return;
  if (typeof error !== "object" || error === null || !("code" in error)) return;
  const code = error.code;
  if (typeof code === "string" && WS_ERROR_CODE_PATTERN.test(code)) state.wsErrorCode = code;
}
