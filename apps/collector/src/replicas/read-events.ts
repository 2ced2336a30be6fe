import { type Database, Prisma } from "@closewatch/db";
import type { StoredEvent } from "@closewatch/protocol";
import { type EventRow, toStoredEvent } from "../services/event-rows.js";
import { EVENT_COLUMNS } from "../services/event-search-sql.js";

/**
 * Stored events by id, in the order of `ids` (ids with no row are skipped):
 * one primary-key lookup each, straight on the driver like the ingest
 * statement (the live fan-out's read-back is on the hot path).
 *
 * The lookups are forced: a plain join with the unnested ids, or
 * `id = ANY($1)`, lets the planner pick a hash join or a sequential scan of
 * the whole table once it expects a thousand ids or so (seen: 105 ms for 5,000
 * ids over 113,000 rows, with statistics behind the table's real size, as
 * without autovacuum), which grows with the table. A LATERAL subquery with
 * LIMIT cannot be flattened into a join: it stays a nested loop of index
 * lookups, ~7 µs per row here, whatever the table's size or statistics.
 */
export async function readEventsById(db: Database, ids: readonly string[]): Promise<StoredEvent[]> {
  const statement = readEventsSql(ids);
  const rows = await db.query<EventRow>(statement.text, statement.values);
  return rows.map(toStoredEvent);
}

/** The statement of readEventsById (tests look at its plan). */
export function readEventsSql(ids: readonly string[]): Prisma.Sql {
  return Prisma.sql`
    SELECT e.* FROM unnest(${ids}::uuid[]) WITH ORDINALITY AS wanted(id, position)
    CROSS JOIN LATERAL (SELECT ${EVENT_COLUMNS} FROM close_events WHERE close_events.id = wanted.id LIMIT 1) e
    ORDER BY wanted.position`;
}
