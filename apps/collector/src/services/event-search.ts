import type { CloseEvent, Database } from "@closewatch/db";
import type { EventsPage, EventsQuery, StoredEvent } from "@closewatch/protocol";
import { CollectorError } from "../errors.js";
import { decodeCursor, encodeCursor } from "./event-cursor.js";
import { toStoredEvent } from "./event-rows.js";
import { EVENT_COLUMNS, eventSearchWhere } from "./event-search-sql.js";
import { resolveRange } from "./time-range.js";

export const DEFAULT_EVENTS_LIMIT = 50;

/** The events explorer: filtered raw events, newest first, a page at a time; and one event by id. */
export class EventSearch {
  constructor(private readonly db: Database) {}

  /**
   * One page, ordered by (occurred_at, id) descending. Paging is by keyset,
   * not offset: page 50 costs what page 1 costs, and events arriving
   * meanwhile do not shift later pages.
   */
  async page(query: EventsQuery): Promise<EventsPage> {
    const range = resolveRange(query);
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const limit = query.limit ?? DEFAULT_EVENTS_LIMIT;
    // One row more than asked tells whether another page exists without a count.
    const rows = await this.db.prisma.$queryRaw<CloseEvent[]>`
      SELECT ${EVENT_COLUMNS} FROM close_events
      WHERE ${eventSearchWhere(query, range, after)}
      ORDER BY occurred_at DESC, id DESC
      LIMIT ${limit + 1}`;
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      events: page.map(toStoredEvent),
      nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
    };
  }

  async byId(id: string): Promise<StoredEvent> {
    const row = await this.db.prisma.closeEvent.findUnique({ where: { id } });
    if (!row) throw new CollectorError("NOT_FOUND", `no event with id ${id}`);
    return toStoredEvent(row);
  }
}
