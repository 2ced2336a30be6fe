import type { Evidence, IngestEvent, Initiator } from "@closewatch/protocol";
import { TICK_MS } from "./clock.js";
import { largestRecentSend, type ConnectionState } from "./connection-state.js";
import { reasonText } from "./sanitize.js";

/** Where the connection lived; stamped on its event. */
export interface CloseContext {
  readonly service: string;
  readonly instance: string | undefined;
  readonly route: string | undefined;
  /** The server's maxPayload, when it has one. */
  readonly maxPayload: number | undefined;
  /** The server's `perMessageDeflate` option: on, off, or unknown. */
  readonly deflateOffered: boolean | undefined;
}

export const WS_ERR_MESSAGE_LENGTH = "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH";
export const WS_ERR_FRAME_LENGTH = "WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH";
export const WS_ERR_BUFFERED_PARTS = "WS_ERR_TOO_MANY_BUFFERED_PARTS";

/** ws error codes whose close the agent can name structurally, with the code they close with. */
const CAUSE_BY_WS_ERROR: Readonly<Record<string, { code: number; cause: string }>> = {
  [WS_ERR_MESSAGE_LENGTH]: { code: 1009, cause: "message_too_big" },
  // A frame header declaring more than 2^53 - 1 bytes: beyond any limit.
  [WS_ERR_FRAME_LENGTH]: { code: 1009, cause: "frame_too_big" },
  [WS_ERR_BUFFERED_PARTS]: { code: 1008, cause: "fragment_flood" },
};

interface Outcome {
  code: number;
  reason: string;
  initiator: Initiator;
}

/**
 * What happened on the wire, from what the hooks saw. ws's own 'close' event
 * reports the code the server *received*, which is 1006 whenever the server
 * closed because of a receiver error (maxPayload, fragment flood), because ws
 * then stops reading; the first close frame the server sent is the truth.
 */
function outcome(state: ConnectionState, closeCode: unknown, closeReason: unknown): Outcome {
  const first = state.firstClose;
  if (first?.by === "server") return { code: first.code, reason: first.reason, initiator: "server" };
  const code = typeof closeCode === "number" ? closeCode : 1006;
  if (first?.by === "client") return { code, reason: reasonText(closeReason), initiator: "client" };
  // No close() from the server: either the client's frame arrived but ws could
  // not echo it (socket already gone), or no frame was exchanged at all.
  if (code !== 1006) return { code, reason: reasonText(closeReason), initiator: "client" };
  return { code: 1006, reason: "", initiator: "none" };
}

export function buildCloseEvent(
  state: ConnectionState,
  closeCode: unknown,
  closeReason: unknown,
  context: CloseContext,
  now: number,
  tick: number,
  id: string,
  occurredAt: string,
): IngestEvent {
  const { code, reason, initiator } = outcome(state, closeCode, closeReason);
  const event: IngestEvent = {
    id,
    occurredAt,
    service: context.service,
    code,
    reason,
    initiator,
    connectionAgeMs: Math.max(0, Math.round(now - state.openedAt)),
    messagesIn: state.messagesIn,
    messagesOut: state.messagesOut,
    bytesIn: state.bytesIn,
    bytesOut: state.bytesOut,
  };
  if (context.instance !== undefined) event.instance = context.instance;
  if (context.route !== undefined) event.route = context.route;

  let evidence: Evidence | undefined;
  const policy = state.policy;
  const wsError = state.wsErrorCode;
  if (policy && initiator === "server" && code === 1008) {
    if (policy.cause !== undefined) event.cause = policy.cause;
    evidence = policy.evidence;
  } else if (wsError !== undefined && initiator === "server") {
    const mapped = Object.hasOwn(CAUSE_BY_WS_ERROR, wsError) ? CAUSE_BY_WS_ERROR[wsError] : undefined;
    if (mapped && mapped.code === code) event.cause = mapped.cause;
    if (event.cause === "fragment_flood" && wsError === WS_ERR_BUFFERED_PARTS && state.parts) {
      evidence = { parts: state.parts.parts, partsKind: state.parts.kind, partsLimit: state.parts.limit };
    }
  }
  if (wsError !== undefined) event.wsErrorCode = wsError;
  if (code === 1009 && initiator === "server") evidence = inboundTooBig(event, state, context);
  else if (code === 1009 && initiator === "client") evidence = outboundTooBig(event, state, tick);
  if (state.terminatedByServer) {
    evidence = { ...evidence, terminatedBy: "server" };
    // Keep within the schema's 16 keys: the policy's own evidence wins.
    if (Object.keys(evidence).length > 16) delete evidence.terminatedBy;
  }
  if (evidence !== undefined) event.evidence = evidence;
  return event;
}

/**
 * The server sent 1009: it rejected a message from the client. With ws's own
 * maxPayload error, the limit and what the receiver knew of the message.
 */
function inboundTooBig(event: IngestEvent, state: ConnectionState, context: CloseContext): Evidence {
  const evidence: Evidence = { direction: "inbound" };
  if (state.deflate !== undefined) evidence.deflate = state.deflate;
  if (state.wsErrorCode !== WS_ERR_MESSAGE_LENGTH || event.cause === undefined) return evidence;
  if (context.maxPayload !== undefined) event.sizeLimit = context.maxPayload;
  const inbound = state.inbound;
  if (inbound === undefined) return evidence;
  event.messageSize = inbound.messageSize;
  if (inbound.whileInflating) event.cause = "decompressed_too_big";
  if (inbound.sizeIsLowerBound) evidence.sizeIsLowerBound = true;
  evidence.compressed = inbound.compressed;
  if (inbound.frameSize !== undefined) evidence.frameSize = inbound.frameSize;
  if (inbound.wireSize !== undefined) evidence.wireSize = inbound.wireSize;
  return evidence;
}

/**
 * The client sent 1009: it rejected a message from the server. Which one is
 * not known; the largest the server sent in the last few seconds is the
 * estimate. The client's limit is not known either. `tick`: the coarse clock now.
 */
function outboundTooBig(event: IngestEvent, state: ConnectionState, tick: number): Evidence {
  const evidence: Evidence = { direction: "outbound" };
  if (state.deflate !== undefined) evidence.deflate = state.deflate;
  // A peer's 1009 is by definition a message over its limit; a reason it gave
  // may say more (e.g. "frame"), so the collector's reason rules decide then.
  if (event.reason === "") event.cause = "message_too_big";
  const recent = largestRecentSend(state, tick);
  if (recent === undefined) return evidence;
  event.messageSize = recent.size;
  evidence.sizeIsEstimate = true;
  if (recent.partial) evidence.sizeIsLowerBound = true;
  // To within the clock's 250 ms resolution.
  evidence.sentMsAgo = recent.agoTicks * TICK_MS;
  return evidence;
}
