import { Type, type Static } from "typebox";
import { CauseId, CauseSource, CloseCode, Count, Evidence, Initiator, ServiceName, Timestamp, Uuid } from "./common.js";

/** Routes are free text from the agent's `instrument` call, bounded like the ingest field. */
export const RouteName = Type.String({ minLength: 1, maxLength: 200 });

/** Filters shared by every query endpoint. `from`/`to` default to the last hour. */
export const QueryFilters = Type.Object({
  from: Type.Optional(Timestamp),
  to: Type.Optional(Timestamp),
  service: Type.Optional(ServiceName),
  code: Type.Optional(CloseCode),
  cause: Type.Optional(CauseId),
  /** One route of the service(s), as the agent reported it (`instrument(wss, { route })`). */
  route: Type.Optional(RouteName),
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
  /** The agent's keyed hash of the client's address; absent when not recorded (or CLOSEWATCH_CLIENT_ADDRESSES=none). */
  clientAddressHash: Type.Optional(Type.String()),
});
export type StoredEvent = Static<typeof StoredEvent>;

export const EventsQuery = Type.Intersect([
  QueryFilters,
  Type.Object({
    initiator: Type.Optional(Initiator),
    /** Case-insensitive substring of the close reason. */
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 123 })),
    /** `nextCursor` from the previous page: continue after that event (newest first). */
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  }),
]);
export type EventsQuery = Static<typeof EventsQuery>;

export const EventsPage = Type.Object({
  events: Type.Array(StoredEvent),
  /** Opaque; pass as `cursor` for the next (older) page. Null on the last page. */
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type EventsPage = Static<typeof EventsPage>;

export const EventParams = Type.Object({ id: Uuid });
export type EventParams = Static<typeof EventParams>;

/** `/api/services`: the usual filters; `service` and `route` narrow the rows. */
export const ServicesQuery = QueryFilters;
export type ServicesQuery = Static<typeof ServicesQuery>;

/** Closes of one service on one route (route null: the agent reported none). */
export const ServiceRow = Type.Object({
  service: Type.String(),
  route: Type.Union([Type.String(), Type.Null()]),
  total: Count,
  /** Closes per minute over the whole range. */
  perMinute: Type.Number({ minimum: 0 }),
  byCode: Type.Array(CodeCount, { description: "Descending by count" }),
  /** The most frequent cause among closes that are not 1000/1001 (null when there are none). */
  topCause: Type.Union([CauseCount, Type.Null()]),
});
export type ServiceRow = Static<typeof ServiceRow>;

export const ServicesResponse = Type.Object({
  range: Range,
  /** Descending by total. */
  rows: Type.Array(ServiceRow),
});
export type ServicesResponse = Static<typeof ServicesResponse>;

/** `/api/sizes`: recorded message sizes of size-limit closes (1009 unless `code` says otherwise). */
export const SizesQuery = QueryFilters;
export type SizesQuery = Static<typeof SizesQuery>;

export const SizeBucket = Type.Object({ from: Count, to: Count, count: Count });

/** Sizes of the closes that ran into one enforced limit (null: the limit was not reported). */
export const SizeDistribution = Type.Object({
  limit: Type.Union([Count, Type.Null()]),
  count: Count,
  p50: Count,
  p95: Count,
  max: Count,
  /** Share of these sizes that were lower bounds (fragmented messages cut short). */
  lowerBoundShare: Type.Number({ minimum: 0, maximum: 1 }),
  /** [from, to) byte ranges, ascending, covering every recorded size. */
  buckets: Type.Array(SizeBucket),
});
export type SizeDistribution = Static<typeof SizeDistribution>;

export const SizesResponse = Type.Object({
  range: Range,
  code: Type.Integer(),
  /** Closes matching the filters, with or without a recorded size. */
  total: Count,
  /** Of those, how many carried a message size. */
  withSize: Count,
  /** One distribution per enforced limit, most closes first. */
  limits: Type.Array(SizeDistribution),
});
export type SizesResponse = Static<typeof SizesResponse>;
