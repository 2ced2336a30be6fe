import type { CloseEvent } from "@closewatch/db";
import type { Evidence, StoredEvent } from "@closewatch/protocol";

type Int8Column = "messageSize" | "sizeLimit" | "connectionAgeMs" | "messagesIn" | "messagesOut" | "bytesIn" | "bytesOut";

/**
 * A close_events row from the Prisma client (int8 as bigint) or straight
 * from the pg driver (int8 as a decimal string); same column names.
 */
export type EventRow = Omit<CloseEvent, Int8Column> & {
  [K in Int8Column]: null extends CloseEvent[K] ? bigint | string | null : bigint | string;
};

/** A stored row as the API returns it: ISO times, plain numbers (all counters are < 2^53). */
export function toStoredEvent(row: EventRow): StoredEvent {
  return {
    id: row.id,
    occurredAt: row.occurredAt.toISOString(),
    receivedAt: row.receivedAt.toISOString(),
    service: row.service,
    instance: row.instance,
    route: row.route,
    code: row.code,
    reason: row.reason,
    initiator: row.initiator,
    cause: row.cause,
    causeSource: row.causeSource,
    wsErrorCode: row.wsErrorCode,
    messageSize: row.messageSize === null ? null : Number(row.messageSize),
    sizeLimit: row.sizeLimit === null ? null : Number(row.sizeLimit),
    connectionAgeMs: Number(row.connectionAgeMs),
    messagesIn: Number(row.messagesIn),
    messagesOut: Number(row.messagesOut),
    bytesIn: Number(row.bytesIn),
    bytesOut: Number(row.bytesOut),
    evidence: (row.evidence as Evidence | null) ?? null,
    // `undefined` too: a row read without that column.
    ...(row.clientAddressHash == null ? {} : { clientAddressHash: row.clientAddressHash }),
  };
}
