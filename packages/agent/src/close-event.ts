import type { Evidence, IngestEvent, Initiator } from "@closewatch/protocol";
import type { ConnectionState } from "./connection-state.js";
import { reasonText } from "./sanitize.js";

/** Where the connection lived; stamped on its event. */
export interface CloseContext {
  readonly service: string;
  readonly instance: string | undefined;
  readonly route: string | undefined;
  /** The server's maxPayload, when it has one. */
  readonly maxPayload: number | undefined;
}

/** ws error codes whose close the agent can name structurally, with the code they close with. */
const CAUSE_BY_WS_ERROR: Readonly<Record<string, { code: number; cause: string }>> = {
  WS_ERR_UNSUPPORTED_MESSAGE_LENGTH: { code: 1009, cause: "message_too_big" },
  WS_ERR_TOO_MANY_BUFFERED_PARTS: { code: 1008, cause: "fragment_flood" },
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
  if (policy && initiator === "server" && code === 1008) {
    if (policy.cause !== undefined) event.cause = policy.cause;
    evidence = policy.evidence;
  } else if (state.wsErrorCode !== undefined) {
    const mapped = CAUSE_BY_WS_ERROR[state.wsErrorCode];
    if (mapped && mapped.code === code && initiator === "server") event.cause = mapped.cause;
  }
  if (state.wsErrorCode !== undefined) event.wsErrorCode = state.wsErrorCode;
  if (code === 1009) {
    if (context.maxPayload !== undefined) event.sizeLimit = context.maxPayload;
    if (state.messageSize !== undefined) event.messageSize = state.messageSize;
  }
  if (state.terminatedByServer) {
    evidence = { ...evidence, terminatedBy: "server" };
    // Keep within the schema's 16 keys: the policy's own evidence wins.
    if (Object.keys(evidence).length > 16) delete evidence.terminatedBy;
  }
  if (evidence !== undefined) event.evidence = evidence;
  return event;
}
