import { Prisma } from "@closewatch/db";
import type { EventsQuery } from "@closewatch/protocol";
import type { EventCursor } from "./event-cursor.js";
import { sqlFilters } from "./filters.js";
import { storableText } from "./storable-text.js";
import type { TimeRange } from "./time-range.js";

/**
 * The columns of close_events under the names of Prisma's `CloseEvent`, so a
 * raw row maps with the same `toStoredEvent` as a client query. `id` keeps its
 * name and type: ORDER BY resolves output names first, and `id::text AS id`
 * would sort by text and keep the (occurred_at, id) index from giving the order.
 */
export const EVENT_COLUMNS = Prisma.sql`id, occurred_at AS "occurredAt", received_at AS "receivedAt",
  service, instance, route, code, reason, initiator::text AS initiator, cause, cause_source::text AS "causeSource",
  ws_error_code AS "wsErrorCode", message_size AS "messageSize", size_limit AS "sizeLimit",
  connection_age_ms AS "connectionAgeMs", messages_in AS "messagesIn", messages_out AS "messagesOut",
  bytes_in AS "bytesIn", bytes_out AS "bytesOut", evidence, client_address_hash AS "clientAddressHash"`;

/** `q` as an ILIKE pattern that matches it literally: `%`, `_` and `\` lose their meaning. */
export function containsPattern(q: string): string {
  return `%${storableText(q).replace(/[\\%_]/g, "\\$&")}%`;
}

/** A timestamp parameter that means the same instant whatever the session's time zone. */
const instant = (date: Date) => Prisma.sql`${date.toISOString()}::timestamptz`;

/**
 * Every filter of /api/events as one condition on close_events: the shared
 * service/route/code/cause filters, plus `initiator`, `q` and the cursor,
 * which only exist on raw events, never on the rollups.
 */
export function eventSearchWhere(query: EventsQuery, range: TimeRange, after: EventCursor | undefined): Prisma.Sql {
  const parts = [
    Prisma.sql`occurred_at >= ${instant(range.from)}`,
    Prisma.sql`occurred_at < ${instant(range.to)}`,
    sqlFilters(query),
  ];
  if (query.initiator) parts.push(Prisma.sql`initiator = ${query.initiator}::close_initiator`);
  if (query.q) parts.push(Prisma.sql`reason ILIKE ${containsPattern(query.q)} ESCAPE '\\'`);
  // The keyset: the scan start on the (occurred_at, id) and (service, occurred_at, id)
  // indexes. PostgreSQL also derives `occurred_at <= t` from it, so an index that
  // ends in occurred_at alone (code, cause) starts at the cursor too, not at `to`.
  if (after) parts.push(Prisma.sql`(occurred_at, id) < (${instant(after.occurredAt)}, ${after.id}::uuid)`);
  return Prisma.join(parts, " AND ");
}
