import type { StoredEvent } from "@closewatch/protocol";
import { CodeLabel } from "../../components/CodeLabel.js";
import { formatBytes, formatEventTime } from "../../lib/format.js";

interface EventTableProps {
  events: readonly StoredEvent[];
  /** For "today or another day" in the time column. */
  now: number;
  /** Ids that arrived live, highlighted once when they appear. */
  freshIds: ReadonlySet<string>;
}

function sizeNote(e: StoredEvent): string | undefined {
  if (e.messageSize !== null && e.sizeLimit !== null) {
    return `${formatBytes(e.messageSize)} > ${formatBytes(e.sizeLimit)} limit`;
  }
  if (e.sizeLimit !== null) return `limit ${formatBytes(e.sizeLimit)}`;
  if (e.messageSize !== null) return formatBytes(e.messageSize);
  return undefined;
}

function where(e: StoredEvent): string | undefined {
  const parts = [e.route, e.instance].filter((p): p is string => Boolean(p));
  return parts.length > 0 ? parts.join(" · ") : undefined;
}

/** The recent closes, newest first. Reasons come from clients and servers: always rendered as text. */
export function EventTable({ events, now, freshIds }: EventTableProps) {
  return (
    <div className="table-scroll">
      <table className="table table-events">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Service</th>
            <th scope="col">Code</th>
            <th scope="col">Cause</th>
            <th scope="col">Closed by</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => {
            const note = sizeNote(e);
            const place = where(e);
            return (
              <tr key={e.id} className={freshIds.has(e.id) ? "is-fresh" : undefined}>
                <td className="nowrap num">
                  <time dateTime={e.occurredAt}>{formatEventTime(e.occurredAt, now)}</time>
                </td>
                <td>
                  <span className="cell-main">{e.service}</span>
                  {place ? <span className="cell-sub">{place}</span> : null}
                </td>
                <td className="nowrap">
                  <CodeLabel code={e.code} />
                </td>
                <td>
                  <code className="cause">{e.cause}</code>
                  {note ? <span className="cell-sub">{note}</span> : null}
                </td>
                <td className="nowrap">{e.initiator === "none" ? "no close frame" : e.initiator}</td>
                <td className="reason" title={e.reason || undefined}>
                  {e.reason ? e.reason : <span className="muted">no reason</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
