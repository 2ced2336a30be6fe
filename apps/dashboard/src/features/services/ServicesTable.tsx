import { CodeLabel } from "../../components/CodeLabel.js";
import { Link } from "../../components/Link.js";
import { formatCount, formatPercent, formatRate } from "../../lib/format.js";
import type { ViewFilters } from "../../lib/view.js";
import { CodeMixBar } from "./CodeMixBar.js";
import { COLUMNS } from "./columns.js";
import { causeEventsHref, overviewHref } from "./links.js";
import type { ServiceStats } from "./serviceStats.js";
import { SortableHeader } from "./SortableHeader.js";
import type { Sort, SortKey } from "./sorting.js";

interface ServicesTableProps {
  /** Already sorted. */
  rows: readonly ServiceStats[];
  sort: Sort;
  onSort: (key: SortKey) => void;
  /** For the links: they keep the range. */
  filters: ViewFilters;
  /** The table's accessible name. */
  caption: string;
}

/** A count with its rate underneath; a zero stays quiet so the non-zero cells stand out. */
function CountCell({ count, perMinute }: { count: number; perMinute: number }) {
  if (count === 0) {
    return (
      <td className="num">
        <span className="cell-main muted">0</span>
      </td>
    );
  }
  return (
    <td className="num nowrap">
      <span className="cell-main">{formatCount(count)}</span>
      <span className="cell-sub">{formatRate(perMinute)}</span>
    </td>
  );
}

/** The biggest other codes ("1001 ×3"), at most two; the tooltip lists them all. */
function OtherCell({ stats }: { stats: ServiceStats }) {
  const { count } = stats.series.other;
  const codes = stats.otherCodes;
  const all = codes.map((c) => `${c.code} ×${formatCount(c.count)}`);
  const shown = all.slice(0, 2).join(" · ") + (all.length > 2 ? ` +${all.length - 2}` : "");
  return (
    <td className="num nowrap" title={all.length > 2 ? all.join(", ") : undefined}>
      <span className={count === 0 ? "cell-main muted" : "cell-main"}>{formatCount(count)}</span>
      {shown ? <span className="cell-sub">{shown}</span> : null}
    </td>
  );
}

function CauseCell({ stats, filters }: { stats: ServiceStats; filters: ViewFilters }) {
  const { row } = stats;
  const href = causeEventsHref(filters, row);
  if (!row.topCause || !href) {
    return (
      <td>
        <span className="muted" title="Only normal closes (1000, 1001) here">
          none
        </span>
      </td>
    );
  }
  return (
    <td>
      <Link href={href} className="services-cause" title={`The ${row.topCause.cause} closes of ${row.service}`}>
        <CodeLabel code={row.topCause.code} />
        <code className="cause">{row.topCause.cause}</code>
      </Link>
      <span className="cell-sub">
        {formatCount(row.topCause.count)} of {formatCount(row.total)} closes
      </span>
    </td>
  );
}

/** One row per service and route; the service links to its overview, the top cause to its events. */
export function ServicesTable({ rows, sort, onSort, filters, caption }: ServicesTableProps) {
  return (
    <div className="table-scroll">
      <table className="table services-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {COLUMNS.map((column) => (
              <SortableHeader key={column.key} column={column} sort={sort} onSort={onSort} />
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((stats) => {
            const { row, series } = stats;
            return (
              <tr key={stats.key}>
                <th scope="row" className="services-name">
                  <Link href={overviewHref(filters, row.service)} title={`Overview of ${row.service}`}>
                    {row.service}
                  </Link>
                </th>
                <td>
                  {row.route === null ? (
                    <span className="muted" title="The agent reported no route">
                      —
                    </span>
                  ) : (
                    <code className="services-route">{row.route}</code>
                  )}
                </td>
                <td className="num">
                  <span className="cell-main services-total">{formatCount(row.total)}</span>
                </td>
                <td className="num nowrap">
                  <span className="cell-main">{formatRate(row.perMinute)}</span>
                </td>
                <CountCell count={series["1008"].count} perMinute={series["1008"].perMinute} />
                <CountCell count={series["1009"].count} perMinute={series["1009"].perMinute} />
                <OtherCell stats={stats} />
                <td className="num">
                  <span className="cell-main">{formatPercent(stats.focusShare)}</span>
                  <CodeMixBar series={series} />
                </td>
                <CauseCell stats={stats} filters={filters} />
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
