import { queryFieldError } from "../query-field-error.js";
import { isStorableInstant } from "./time-range.js";

/**
 * Where a page of events ends, newest first: the last event's time and id.
 * Both are needed because many events share one millisecond; the id breaks
 * the tie, so the next page starts exactly after it (no gaps, no repeats).
 */
export interface EventCursor {
  occurredAt: Date;
  id: string;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The cursor on the wire: base64url of `{"t":"<ISO time>","id":"<uuid>"}`.
 * Opaque to clients, so its content may change; readable when debugging.
 */
export function encodeCursor(cursor: EventCursor): string {
  return Buffer.from(JSON.stringify({ t: cursor.occurredAt.toISOString(), id: cursor.id })).toString("base64url");
}

/** Reads a cursor made by `encodeCursor`; anything else is a 400 on `querystring/cursor`. */
export function decodeCursor(text: string): EventCursor {
  const invalid = () => queryFieldError("cursor", "must be a nextCursor returned by this endpoint");
  // Node's base64 decoder skips characters it does not know; checking first keeps garbage out.
  if (!BASE64URL.test(text)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  if (typeof parsed !== "object" || parsed === null) throw invalid();
  const { t, id } = parsed as { t?: unknown; id?: unknown };
  if (typeof t !== "string" || typeof id !== "string" || !UUID.test(id)) throw invalid();
  const occurredAt = new Date(t);
  // Only the exact form encodeCursor writes: a lenient parse could land between two events.
  if (Number.isNaN(occurredAt.getTime()) || occurredAt.toISOString() !== t) throw invalid();
  // JavaScript writes year 0 as "0000-…" and reads it back; PostgreSQL has no year 0 (it was a 500).
  if (!isStorableInstant(occurredAt.getTime())) throw invalid();
  return { occurredAt, id };
}
