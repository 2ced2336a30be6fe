import { Type, type Static } from "typebox";
import { CauseId, CauseSource, CloseCode, Count, Evidence, Initiator, ServiceName, Timestamp } from "./common.js";

/** Filters shared by every query endpoint. `from`/`to` default to the last hour. */
export const QueryFilters = Type.Object({
  from: Type.Optional(Timestamp),
  to: Type.Optional(Timestamp),
  service: Type.Optional(ServiceName),
  code: Type.Optional(CloseCode),
  cause: Type.Optional(CauseId),
});
export type QueryFilters = Static<typeof QueryFilters>;

export const Range = Type.Object({ from: Timestamp, to: Timestamp });

export const CodeCount = Type.Object({ code: Type.Integer(), count: Count });
export const CauseCount = Type.Object({ code: Type.Integer(), cause: Type.String(), count: Count });

export const Summary = Type.Object({
  range: Range,
  total: Count,
  byCode: Type.Array(CodeCount, { description: "Descending by count" }),
  byCause: Type.Array(CauseCount, { description: "Descending by count" }),
});
export type Summary = Static<typeof Summary>;

export const TimeseriesQuery = Type.Intersect([
  QueryFilters,
  Type.Object({
    bucketSeconds: Type.Optional(Type.Integer({ minimum: 10, maximum: 86_400 })),
  }),
]);
export type TimeseriesQuery = Static<typeof TimeseriesQuery>;

export const TimeseriesPoint = Type.Object({
  t: Timestamp,
  counts: Type.Record(Type.String({ pattern: "^[0-9]+$" }), Count, { description: "Closes per code" }),
});
export const Timeseries = Type.Object({
  range: Range,
  bucketSeconds: Type.Integer(),
  points: Type.Array(TimeseriesPoint),
});
export type Timeseries = Static<typeof Timeseries>;

/** A stored close event as the query API and the live feed return it. */
export const StoredEvent = Type.Object({
  id: Type.String(),
  occurredAt: Timestamp,
  receivedAt: Timestamp,
  service: Type.String(),
  instance: Type.Union([Type.String(), Type.Null()]),
  route: Type.Union([Type.String(), Type.Null()]),
  code: Type.Integer(),
  reason: Type.String(),
  initiator: Initiator,
  cause: Type.String(),
  causeSource: CauseSource,
  wsErrorCode: Type.Union([Type.String(), Type.Null()]),
  messageSize: Type.Union([Count, Type.Null()]),
  sizeLimit: Type.Union([Count, Type.Null()]),
  connectionAgeMs: Count,
  messagesIn: Count,
  messagesOut: Count,
  bytesIn: Count,
  bytesOut: Count,
  evidence: Type.Union([Evidence, Type.Null()]),
});
export type StoredEvent = Static<typeof StoredEvent>;

export const EventsQuery = Type.Intersect([
  QueryFilters,
  Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) }),
]);
export type EventsQuery = Static<typeof EventsQuery>;

export const EventsPage = Type.Object({ events: Type.Array(StoredEvent) });
export type EventsPage = Static<typeof EventsPage>;
