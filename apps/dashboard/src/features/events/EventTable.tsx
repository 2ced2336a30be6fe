import type { StoredEvent } from "@closewatch/protocol";
import type { MouseEvent } from "react";
import { CodeLabel } from "../../components/CodeLabel.js";
import { formatBytes, formatEventTime } from "../../lib/format.js";
import { isPlainLeftClick } from "../../lib/routes.js";

/** Rows that open a detail: the time becomes a link (Enter, copy link, new tab), the whole row a click target. */
export interface EventTableOpen {
  hrefFor: (e: StoredEvent) => string;
  onOpen: (e: StoredEvent) => void;
  /** The row whose detail is open. */
  selectedId?: string;
}

interface EventTableProps {
  events: readonly StoredEvent[];
  /** For "today or another day" in the time column. */
  now: number;
  /** Ids that arrived live, highlighted once when they appear. */
  freshIds: ReadonlySet<string>;
  /** Without it the rows are read-only (the live feed). */
  open?: EventTableOpen;
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

function rowClass(fresh: boolean, openable: boolean, selected: boolean): string | undefined {
  const names = [fresh && "is-fresh", openable && "is-openable", selected && "is-selected"].filter(Boolean);
  return names.length > 0 ? names.join(" ") : undefined;
}

/** A click on the row away from its link opens it too, unless it ends a text selection (copying a reason). */
function openFromRow(click: MouseEvent<HTMLTableRowElement>, open: () => void): void {
  if ((click.target as Element).closest("a, button")) return;
  if (window.getSelection()?.toString()) return;
  open();
}

/** The recent closes, newest first. Reasons come from clients and servers: always rendered as text. */
export function EventTable({ events, now, freshIds, open }: EventTableProps) {
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
              <tr
                key={e.id}
                data-event-id={e.id}
                className={rowClass(freshIds.has(e.id), open !== undefined, open?.selectedId === e.id)}
                onClick={open ? (click) => openFromRow(click, () => open.onOpen(e)) : undefined}
              >
                <td className="nowrap num">
                  {open ? (
                    <a
                      href={open.hrefFor(e)}
                      className="row-link"
                      aria-current={open.selectedId === e.id ? "true" : undefined}
                      aria-label={`${formatEventTime(e.occurredAt, now)}, ${e.code} ${e.cause}, ${e.service}: details`}
                      onClick={(click) => {
                        if (!isPlainLeftClick(click)) return; // new tab, copy: the browser's
                        click.preventDefault();
                        open.onOpen(e);
                      }}
                    >
                      <time dateTime={e.occurredAt}>{formatEventTime(e.occurredAt, now)}</time>
                    </a>
                  ) : (
                    <time dateTime={e.occurredAt}>{formatEventTime(e.occurredAt, now)}</time>
                  )}
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
