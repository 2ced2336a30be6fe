import { classifyClose } from "@closewatch/close-codes";
import type { IngestEvent, StoredEvent } from "@closewatch/protocol";

/** Turns validated wire events into the rows we store, each with its cause and where it came from. */
export function classifyEvents(events: readonly IngestEvent[], receivedAt: Date): StoredEvent[] {
  const received = receivedAt.toISOString();
  return events.map((e) => {
    const { cause, source } = classifyClose(e);
    return {
      id: e.id.toLowerCase(),
      // Normalised so the row and the live message carry the same instant.
      occurredAt: new Date(e.occurredAt).toISOString(),
      receivedAt: received,
      service: e.service,
      instance: e.instance ?? null,
      route: e.route ?? null,
      code: e.code,
      reason: e.reason,
      initiator: e.initiator,
      cause,
      causeSource: source,
      wsErrorCode: e.wsErrorCode ?? null,
      messageSize: e.messageSize ?? null,
      sizeLimit: e.sizeLimit ?? null,
      connectionAgeMs: e.connectionAgeMs,
      messagesIn: e.messagesIn,
      messagesOut: e.messagesOut,
      bytesIn: e.bytesIn,
      bytesOut: e.bytesOut,
      evidence: e.evidence ?? null,
    };
  });
}
