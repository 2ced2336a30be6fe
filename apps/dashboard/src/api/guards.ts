import type { EventsPage, StoredEvent, Summary, Timeseries } from "@closewatch/protocol";

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
  return isRecord(body) && Array.isArray(body.events) && body.events.every(isStoredEvent);
}
