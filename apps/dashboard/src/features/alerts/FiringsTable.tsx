import type { AlertFiring } from "@closewatch/protocol";
import { formatCount, formatEventTime, formatNumber } from "../../lib/format.js";
import { firingDurationWords, notificationWords } from "./firingWords.js";

interface FiringsTableProps {
  firings: readonly AlertFiring[];
  now: number;
  /** The table's accessible name. */
  caption: string;
}

/** One row per firing, newest first (the API's order). */
export function FiringsTable({ firings, now, caption }: FiringsTableProps) {
  return (
    <div className="table-scroll">
      <table className="table alert-firings">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Rule</th>
            <th scope="col">Started</th>
            <th scope="col">Resolved</th>
            <th scope="col">Duration</th>
            <th scope="col" className="num">
              Peak vs threshold
            </th>
            <th scope="col">Notification</th>
          </tr>
        </thead>
        <tbody>
          {firings.map((f) => {
            const note = notificationWords(f.notification);
            return (
              <tr key={f.id} className={f.resolvedAt === null ? "is-open" : undefined}>
                <th scope="row" className="alert-firing-rule">
                  {f.ruleName}
                </th>
                <td className="nowrap">{formatEventTime(f.startedAt, now)}</td>
                <td className="nowrap">
                  {f.resolvedAt === null ? (
                    <span className="alert-state alert-state-firing">Firing now</span>
                  ) : (
                    formatEventTime(f.resolvedAt, now)
                  )}
                </td>
                <td className="nowrap">{firingDurationWords(f, now)}</td>
                <td className="num nowrap">
                  <span className="cell-main">{formatCount(f.peakValue)}</span>
                  <span className="cell-sub">threshold {formatNumber(f.threshold, 1)}</span>
                </td>
                <td className="alert-notification">
                  <span className={note.problem ? "cell-main alert-note-problem" : "cell-main"}>{note.status}</span>
                  {note.detail ? <span className="cell-sub">{note.detail}</span> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
