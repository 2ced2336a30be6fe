import { type Database, Prisma } from "@closewatch/db";
import type { StoredEvent } from "@closewatch/protocol";
import { type EventRow, toStoredEvent } from "../services/event-rows.js";
import { EVENT_COLUMNS } from "../services/event-search-sql.js";

/**
 * Stored events by id, in the order of `ids` (ids with no row are skipped):
 * one primary-key lookup each, straight on the driver like the ingest
 * statement (the live fan-out's read-back is on the hot path).
 */
export async function readEventsById(db: Database, ids: readonly string[]): Promise<StoredEvent[]> {
  const statement = Prisma.sql`
    SELECT ${EVENT_COLUMNS}
    FROM unnest(${ids}::uuid[]) WITH ORDINALITY AS wanted(id, position) JOIN close_events USING (id)
    ORDER BY position`;
  const rows = await db.query<EventRow>(statement.text, statement.values);
  return rows.map(toStoredEvent);
}
