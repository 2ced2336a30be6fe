/*
 * How replicas tell each other about newly stored events: PostgreSQL
 * LISTEN/NOTIFY on one channel, with ids only.
 *
 * Why ids, not the events: a NOTIFY payload must stay under 8000 bytes, so
 * events themselves (~500 B of JSON each) take one notification per ~15
 * events, all copied through PostgreSQL's notification queue whether or not
 * any other replica has a dashboard open. Measured (the replicas bench's
 * design check): NOTIFYing the events costs PostgreSQL ~5.3 µs per event to
 * send plus ~0.9 µs per listening replica; their ids (37 B each, 200 per
 * notification) 0.7 + 0.1 µs. Ids then cost a read-back by primary key
 * (~4.5–7 µs per event), but only on a replica that has a dashboard
 * connected. Ids also come from PostgreSQL itself, from the rows the ingest
 * statement really inserted (retried duplicates are never announced), and
 * cost the ingesting replica no serialisation at all. A replica with no
 * dashboard ignores them; one with dashboards reads the rows back in one
 * query per burst and serialises them once for all its sockets
 * (LiveHub.publish). When two or more replicas besides the one that stored
 * an event have dashboards, sending the events would cost PostgreSQL less
 * (docs/performance.md, "Several collectors on one PostgreSQL").
 *
 * Payload: `<sender replica id> <uuid>,<uuid>,…`.
 */

/** The NOTIFY channel; one per database (notifications never cross databases). */
export const LIVE_CHANNEL = "closewatch_live";

/** Ids per notification: 16 + 1 + 200 × 37 − 1 = 7,416 bytes, under PostgreSQL's 8,000-byte payload limit. */
export const IDS_PER_NOTIFICATION = 200;

/** Longest sender id the payload budget above allows for. */
export const MAX_SENDER_LENGTH = 16;

/** What the ingest statement needs to announce its new rows. */
export interface LiveAnnouncer {
  channel: string;
  /** This replica's id, so it can skip its own announcements. */
  sender: string;
}

export interface Announcement {
  sender: string;
  ids: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Reads a payload; anything malformed (another program on the channel) is undefined, ids that are not UUIDs are left out. */
export function parseAnnouncement(payload: string): Announcement | undefined {
  const space = payload.indexOf(" ");
  if (space <= 0) return undefined;
  const ids = payload
    .slice(space + 1)
    .split(",")
    .filter((id) => UUID.test(id));
  return { sender: payload.slice(0, space), ids };
}
