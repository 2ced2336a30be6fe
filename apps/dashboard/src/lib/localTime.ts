/*
 * `<input type="datetime-local">` speaks "YYYY-MM-DDTHH:mm" in the browser's
 * time zone, with no zone in the text; the API speaks ISO UTC.
 */

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** An ISO instant as the input's local "YYYY-MM-DDTHH:mm". */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The input's local text as an ISO instant, or null when it is empty or unreadable. */
export function fromLocalInput(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(y, mo - 1, d, h, mi, Number.isNaN(s) ? 0 : s);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
