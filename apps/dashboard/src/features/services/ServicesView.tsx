import { type ReactNode, useCallback, useMemo } from "react";
import { describeError } from "../../api/client.js";
import { useServicesQuery } from "../../api/queries.js";
import { Panel } from "../../components/Panel.js";
import { ErrorState, LoadingState } from "../../components/States.js";
import { useSearchParams } from "../../hooks/useSearchParams.js";
import { formatCount } from "../../lib/format.js";
import { describeRange, type ViewFilters } from "../../lib/view.js";
import { describeSort } from "./columns.js";
import { EmptyServices } from "./EmptyServices.js";
import { serviceStats } from "./serviceStats.js";
import { ServicesTable } from "./ServicesTable.js";
import { nextSort, parseSort, sortParams, sortRows, type SortKey } from "./sorting.js";
import "./services.css";

/**
 * The services page: closes per service and route, with how many are 1008 and
 * 1009 and why, sortable by any column. Range and service come from the header;
 * the sort order lives in the URL beside them.
 */
export function ServicesView({ filters }: { filters: ViewFilters }) {
  const query = useServicesQuery(filters);
  const [params, update] = useSearchParams();
  const sort = useMemo(() => parseSort(params), [params]);
  const onSort = useCallback((key: SortKey) => update(sortParams(nextSort(sort, key))), [sort, update]);

  const data = query.data;
  const stats = useMemo(() => data?.rows.map(serviceStats) ?? [], [data]);
  const rows = useMemo(() => sortRows(stats, sort), [stats, sort]);
  const total = stats.reduce((sum, s) => sum + s.row.total, 0);
  const services = new Set(stats.map((s) => s.row.service)).size;

  let body: ReactNode;
  if (data === undefined) {
    body = query.isError ? (
      <ErrorState error={query.error} onRetry={() => void query.refetch()} />
    ) : (
      <LoadingState lines={4} label="Loading services…" />
    );
  } else if (rows.length === 0) {
    // An empty answer for the previous filters says nothing about the new ones.
    body = query.isPlaceholderData ? (
      <LoadingState lines={4} label="Loading services…" />
    ) : (
      <EmptyServices filters={filters} />
    );
  } else {
    const sortWords = describeSort(sort.key, sort.direction);
    body = (
      <>
        <p className="services-intro muted small">
          Select a service for its overview, a cause for the closes behind it;{" "}
          <span aria-live="polite">the table is {sortWords}.</span>
        </p>
        <ServicesTable
          rows={rows}
          sort={sort}
          onSort={onSort}
          filters={filters}
          caption={`Closes per service and route in ${describeRange(filters.range)}, ${sortWords}`}
        />
      </>
    );
  }

  return (
    <Panel
      title="Services"
      className="span-12"
      stale={query.isPlaceholderData}
      aside={
        data && rows.length > 0 ? (
          <span className="muted">
            {formatCount(total)} closes · {services} {services === 1 ? "service" : "services"} ·{" "}
            {describeRange(filters.range)}
          </span>
        ) : null
      }
    >
      {data !== undefined && query.isError ? (
        <p className="banner services-banner" role="alert">
          Could not refresh the numbers ({describeError(query.error).detail}). Showing the last answer.
        </p>
      ) : null}
      {body}
    </Panel>
  );
}
