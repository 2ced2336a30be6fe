import { type IngestEvent, MAX_REASON_BYTES, type RejectedEvent } from "@closewatch/protocol";
import { INSTANT_RANGE_MESSAGE, isStorableInstant } from "./time-range.js";

export type FieldError = RejectedEvent["errors"][number];

/** The schema check of one event (Fastify's Ajv, the same one that checks every request): field errors, none when valid. */
export type SchemaCheck = (event: unknown) => readonly { instancePath: string; message?: string }[];

/** Most problems listed per rejected event; a hostile event cannot make the answer huge. */
export const MAX_ERRORS_PER_EVENT = 20;

/**
 * What JSON Schema cannot say about an event that passed it: its
 * occurredAt must be a storable instant (see isStorableInstant), and its
 * reason must fit a close frame in UTF-8 bytes, not characters. A leap
 * second or a year-0000 time would otherwise fail the whole group-commit
 * statement, and with it other requests' events.
 */
export function eventProblems(event: IngestEvent, path: string): FieldError[] {
  const problems: FieldError[] = [];
  if (!isStorableInstant(Date.parse(event.occurredAt))) problems.push({ path: `${path}/occurredAt`, message: INSTANT_RANGE_MESSAGE });
  // The schema's maxLength counts characters; a close frame's reason is 123 UTF-8 bytes.
  if (event.reason.length > MAX_REASON_BYTES / 3 && Buffer.byteLength(event.reason, "utf8") > MAX_REASON_BYTES) {
    problems.push({ path: `${path}/reason`, message: `must be at most ${MAX_REASON_BYTES} UTF-8 bytes (a close frame's limit)` });
  }
  return problems;
}

/**
 * Splits a batch into the events to store and the ones to refuse, each
 * refused one with every problem found in it (paths like the 400 answer's:
 * `body/events/3/code`).
 */
export function partitionEvents(events: readonly unknown[], check: SchemaCheck): { valid: IngestEvent[]; rejected: RejectedEvent[] } {
  const valid: IngestEvent[] = [];
  const rejected: RejectedEvent[] = [];
  events.forEach((event, index) => {
    const path = `body/events/${index}`;
    const schemaErrors = check(event);
    const errors: FieldError[] =
      schemaErrors.length > 0
        ? schemaErrors.map((e) => ({ path: `${path}${e.instancePath}`, message: e.message ?? "is invalid" }))
        : eventProblems(event as IngestEvent, path);
    if (errors.length === 0) valid.push(event as IngestEvent);
    else rejected.push({ index, errors: errors.slice(0, MAX_ERRORS_PER_EVENT) });
  });
  return { valid, rejected };
}
