import { classifyClose } from "@closewatch/close-codes";
import type { Evidence, IngestEvent, StoredEvent } from "@closewatch/protocol";
import { storableText } from "./storable-text.js";

/** Evidence with its strings made storable (see storableText); the same object when nothing changes. */
function storableEvidence(evidence: Evidence | undefined): Evidence | null {
  if (!evidence) return null;
  let copy: Evidence | undefined;
  for (const [key, value] of Object.entries(evidence)) {
    if (typeof value !== "string") continue;
    const text = storableText(value);
    if (text !== value) (copy ??= { ...evidence })[key] = text;
  }
  return copy ?? evidence;
}

/**
 * Turns validated wire events into the rows we store, each with its cause and
 * where it came from. `keepClientAddresses` false (CLOSEWATCH_CLIENT_ADDRESSES=none)
 * drops the agents' client address hashes here, before anything stores them.
 */
export function classifyEvents(events: readonly IngestEvent[], receivedAt: Date, keepClientAddresses = true): StoredEvent[] {
  const received = receivedAt.toISOString();
  return events.map((e) => {
    const { cause, source } = classifyClose(e);
    const row: StoredEvent = {
      id: e.id.toLowerCase(),
      // Normalised so the row and the live message carry the same instant.
      occurredAt: new Date(e.occurredAt).toISOString(),
      receivedAt: received,
      service: storableText(e.service),
      instance: e.instance === undefined ? null : storableText(e.instance),
      route: e.route === undefined ? null : storableText(e.route),
      code: e.code,
      reason: storableText(e.reason),
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
      evidence: storableEvidence(e.evidence),
    };
    if (keepClientAddresses && e.clientAddressHash !== undefined) row.clientAddressHash = e.clientAddressHash;
    return row;
  });
}
