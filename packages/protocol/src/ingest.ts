import { Type, type Static } from "typebox";
import { CauseId, CloseCode, Count, Evidence, Initiator, ServiceName, Timestamp, UUID_PATTERN } from "./common.js";

/** Longest reason a close frame can carry (125-byte control payload minus the 2-byte code). */
export const MAX_REASON_BYTES = 123;
export const MAX_EVENTS_PER_BATCH = 5000;
/**
 * The agent's keyed hash of the client's address: 16 lowercase hex
 * characters exactly, so a raw IPv4 or IPv6 address (dots, colons) can never
 * be stored by mistake.
 */
export const CLIENT_ADDRESS_HASH_PATTERN = "^[0-9a-f]{16}$";

/** One close as the agent observed it on the wire. */
export const IngestEvent = Type.Object(
  {
    id: Type.String({ pattern: UUID_PATTERN, description: "Client-generated UUID; makes retries idempotent" }),
    occurredAt: Timestamp,
    service: ServiceName,
    instance: Type.Optional(Type.String({ maxLength: 200 })),
    route: Type.Optional(Type.String({ maxLength: 200 })),
    code: CloseCode,
    reason: Type.String({ maxLength: MAX_REASON_BYTES }),
    initiator: Initiator,
    cause: Type.Optional(CauseId),
    wsErrorCode: Type.Optional(Type.String({ pattern: "^[A-Z0-9_]{1,64}$" })),
    messageSize: Type.Optional(Count),
    sizeLimit: Type.Optional(Count),
    connectionAgeMs: Count,
    messagesIn: Count,
    messagesOut: Count,
    bytesIn: Count,
    bytesOut: Count,
    evidence: Type.Optional(Evidence),
    clientAddressHash: Type.Optional(
      Type.String({ pattern: CLIENT_ADDRESS_HASH_PATTERN, maxLength: 16, description: "HMAC-SHA256 of the client's address under the agent's key, 16 hex characters; never the address" }),
    ),
  },
  { additionalProperties: false },
);
export type IngestEvent = Static<typeof IngestEvent>;

export const IngestBatch = Type.Object(
  { events: Type.Array(IngestEvent, { minItems: 1, maxItems: MAX_EVENTS_PER_BATCH }) },
  { additionalProperties: false },
);
export type IngestBatch = Static<typeof IngestBatch>;

/** One event of an accepted batch that was not stored, with every problem found in it. */
export const RejectedEvent = Type.Object({
  index: Type.Integer({ minimum: 0, description: "Position of the event in the batch's `events` array" }),
  errors: Type.Array(Type.Object({ path: Type.String(), message: Type.String() })),
});
export type RejectedEvent = Static<typeof RejectedEvent>;

export const IngestAccepted = Type.Object({
  accepted: Type.Integer({ minimum: 0, description: "New events stored" }),
  duplicates: Type.Integer({ minimum: 0, description: "Events whose id was already stored" }),
  rejected: Type.Optional(
    Type.Array(RejectedEvent, {
      description: "Invalid events that were not stored (the valid ones were); absent when every event was valid",
    }),
  ),
});
export type IngestAccepted = Static<typeof IngestAccepted>;
