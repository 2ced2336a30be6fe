import type {
  CodeInfo,
  CodesResponse,
  EventsPage,
  Insight,
  InsightsResponse,
  ServiceRow,
  ServicesResponse,
  SizesResponse,
  StoredEvent,
  Summary,
  Timeseries,
} from "@closewatch/protocol";

/*
 * Light shape checks for API answers: enough that the UI never renders a
 * half-understood body, without shipping a schema validator in the bundle.
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isRange(value: unknown): boolean {
  return isRecord(value) && typeof value.from === "string" && typeof value.to === "string";
}

export function isSummary(body: unknown): body is Summary {
  return (
    isRecord(body) &&
    isRange(body.range) &&
    typeof body.total === "number" &&
    Array.isArray(body.byCode) &&
    Array.isArray(body.byCause)
  );
}

export function isTimeseries(body: unknown): body is Timeseries {
  return (
    isRecord(body) &&
    isRange(body.range) &&
    typeof body.bucketSeconds === "number" &&
    Array.isArray(body.points) &&
    body.points.every((p) => isRecord(p) && typeof p.t === "string" && isRecord(p.counts))
  );
}

export function isSizesResponse(body: unknown): body is SizesResponse {
  return (
    isRecord(body) &&
    isRange(body.range) &&
    typeof body.total === "number" &&
    typeof body.withSize === "number" &&
    Array.isArray(body.limits) &&
    body.limits.every(
      (l) =>
        isRecord(l) &&
        (l.limit === null || typeof l.limit === "number") &&
        typeof l.count === "number" &&
        Array.isArray(l.buckets),
    )
  );
}

export function isStoredEvent(value: unknown): value is StoredEvent {
  return (
    isRecord(value) &&
    typeof value.id === "string" &&
    typeof value.occurredAt === "string" &&
    typeof value.service === "string" &&
    typeof value.code === "number" &&
    typeof value.cause === "string" &&
    typeof value.reason === "string"
  );
}

export function isEventsPage(body: unknown): body is EventsPage {
  return (
    isRecord(body) &&
    Array.isArray(body.events) &&
    body.events.every(isStoredEvent) &&
    (body.nextCursor === null || typeof body.nextCursor === "string")
  );
}

const isString = (value: unknown): value is string => typeof value === "string";
const isNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

function isArrayOf<T>(value: unknown, item: (v: unknown) => v is T): value is T[] {
  return Array.isArray(value) && value.every(item);
}

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}

const isStringOrNull = (value: unknown): value is string | null => value === null || isString(value);
const isCountOrNull = (value: unknown): value is number | null => value === null || isCount(value);

function isEvidence(value: unknown): value is NonNullable<StoredEvent["evidence"]> {
  return (
    isRecord(value) &&
    Object.values(value).every((v) => typeof v === "string" || typeof v === "boolean" || typeof v === "number")
  );
}

/** Every field of a stored event: the event detail shows them all, so it checks them all. */
export function isCompleteStoredEvent(value: unknown): value is StoredEvent {
  return (
    isStoredEvent(value) &&
    typeof value.receivedAt === "string" &&
    isStringOrNull(value.instance) &&
    isStringOrNull(value.route) &&
    typeof value.initiator === "string" &&
    typeof value.causeSource === "string" &&
    isStringOrNull(value.wsErrorCode) &&
    isCountOrNull(value.messageSize) &&
    isCountOrNull(value.sizeLimit) &&
    isCount(value.connectionAgeMs) &&
    isCount(value.messagesIn) &&
    isCount(value.messagesOut) &&
    isCount(value.bytesIn) &&
    isCount(value.bytesOut) &&
    (value.evidence === null || isEvidence(value.evidence)) &&
    (value.clientAddressHash === undefined || typeof value.clientAddressHash === "string")
  );
}

function isFact(value: unknown): value is Insight["facts"][number] {
  return (
    isRecord(value) &&
    isString(value.key) &&
    isString(value.label) &&
    isNumber(value.value) &&
    (value.unit === undefined || isString(value.unit))
  );
}

function isPlace(value: unknown): value is Insight["places"][number] {
  return (
    isRecord(value) &&
    isString(value.service) &&
    (value.route === null || isString(value.route)) &&
    isNumber(value.count)
  );
}

function isBucket(value: unknown): value is { from: number; to: number; count: number } {
  return isRecord(value) && isNumber(value.from) && isNumber(value.to) && isNumber(value.count);
}

function isHistogram(value: unknown): value is NonNullable<Insight["histogram"]> {
  return (
    isRecord(value) &&
    isString(value.unit) &&
    isArrayOf(value.buckets, isBucket) &&
    (value.marker === undefined ||
      (isRecord(value.marker) && isString(value.marker.label) && isNumber(value.marker.value)))
  );
}

/** Every field the insight card renders; kind, severity and units are strings the UI falls back on if new. */
export function isInsight(value: unknown): value is Insight {
  return (
    isRecord(value) &&
    isString(value.id) &&
    isString(value.kind) &&
    isString(value.title) &&
    isString(value.severity) &&
    isNumber(value.code) &&
    isString(value.cause) &&
    isNumber(value.eventsAffected) &&
    isString(value.summary) &&
    isArrayOf(value.facts, isFact) &&
    isArrayOf(value.fixSteps, isString) &&
    isArrayOf(value.places, isPlace) &&
    (value.histogram === undefined || isHistogram(value.histogram)) &&
    (value.since === undefined || isString(value.since))
  );
}

export function isInsightsResponse(body: unknown): body is InsightsResponse {
  return isRecord(body) && isRange(body.range) && isArrayOf(body.insights, isInsight);
}

function isCause(value: unknown): value is CodeInfo["causes"][number] {
  return (
    isRecord(value) &&
    isString(value.id) &&
    isString(value.title) &&
    isString(value.description) &&
    isArrayOf(value.fixHints, isString)
  );
}

export function isCodeInfo(value: unknown): value is CodeInfo {
  return (
    isRecord(value) &&
    isNumber(value.from) &&
    isNumber(value.to) &&
    isString(value.name) &&
    isString(value.family) &&
    isString(value.meaning) &&
    isString(value.sentBy) &&
    typeof value.onWire === "boolean" &&
    isString(value.reconnect) &&
    isArrayOf(value.causes, isCause) &&
    isArrayOf(value.fixHints, isString)
  );
}

export function isCodesResponse(body: unknown): body is CodesResponse {
  return isRecord(body) && isArrayOf(body.codes, isCodeInfo);
}

function isCodeCount(value: unknown): value is ServiceRow["byCode"][number] {
  return isRecord(value) && isNumber(value.code) && isNumber(value.count);
}

function isCauseCount(value: unknown): value is NonNullable<ServiceRow["topCause"]> {
  return isRecord(value) && isNumber(value.code) && isString(value.cause) && isNumber(value.count);
}

/** Every field the services table renders. */
export function isServiceRow(value: unknown): value is ServiceRow {
  return (
    isRecord(value) &&
    isString(value.service) &&
    (value.route === null || isString(value.route)) &&
    isNumber(value.total) &&
    isNumber(value.perMinute) &&
    isArrayOf(value.byCode, isCodeCount) &&
    (value.topCause === null || isCauseCount(value.topCause))
  );
}

export function isServicesResponse(body: unknown): body is ServicesResponse {
  return isRecord(body) && isRange(body.range) && isArrayOf(body.rows, isServiceRow);
}
