import type { StoredEvent } from "@closewatch/protocol";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useCodesQuery } from "../../api/queries.js";
import { applyPatch, useSearchParams } from "../../hooks/useSearchParams.js";
import {
  describeRange,
  isCustomRange,
  serializeView,
  viewParams,
  type RangeKey,
  type ViewFilters,
} from "../../lib/view.js";
import type { EventTableOpen } from "../events/EventTable.js";
import { EmptyResults } from "./EmptyResults.js";
import { EventDetail } from "./EventDetail.js";
import { eventsRequest, pendingCloses, tableRows } from "./eventsRequest.js";
import {
  explorerParams,
  hasExplorerFilters,
  NO_FILTERS,
  parseExplorerFilters,
  parsePageSize,
  parseSelectedEvent,
  serializeExplorerFilters,
  type ExplorerFilters,
} from "./explorerFilters.js";
import { FilterForm } from "./FilterForm.js";
import { causeFitsCode } from "./knowledge.js";
import { useEventPages } from "./queries.js";
import { ResultsPanel, type ResultsState } from "./ResultsPanel.js";
import { useAnchor } from "./useAnchor.js";
import "./explorer.css";

export interface EventsExplorerProps {
  filters: ViewFilters;
  /** Events pushed by the live socket since the page loaded, newest first. */
  live: readonly StoredEvent[];
}

const NONE: readonly StoredEvent[] = [];

/**
 * `/events`: every recorded close matching the filters, a page at a time,
 * and the detail of one. All of it is in the URL (filters, page size, the
 * open event), so a copied link opens the same view.
 */
export function EventsExplorer({ filters: view, live }: EventsExplorerProps) {
  const [params, update] = useSearchParams();
  // Memoised on the serialized form: the open event changing must not start a new search.
  const filtersKey = serializeExplorerFilters(parseExplorerFilters(params));
  const filters = useMemo(() => parseExplorerFilters(filtersKey), [filtersKey]);
  const pageSize = parsePageSize(params);
  const selectedId = parseSelectedEvent(params);

  const anchor = useAnchor(`${serializeView(view)}|${filtersKey}|${pageSize}`);
  const request = useMemo(() => eventsRequest(view, filters, anchor.at, pageSize), [view, filters, anchor.at, pageSize]);
  const pages = useEventPages(request, anchor.at);
  const codesQuery = useCodesQuery();
  const codes = codesQuery.data?.codes;

  // Live events the reader chose to show; they belong to one anchor and go with it.
  const [revealed, setRevealed] = useState<{ at: number; events: readonly StoredEvent[] }>({ at: 0, events: NONE });
  const current = !pages.isPlaceholderData;
  const revealedEvents = revealed.at === anchor.at && current ? revealed.events : NONE;
  const fetched = pages.data?.pages;
  const rows = useMemo(() => tableRows(fetched?.map((p) => p.events) ?? [], revealedEvents), [fetched, revealedEvents]);
  const hasMore = current && pages.hasNextPage;

  const pending = useMemo(
    () =>
      fetched && current
        ? pendingCloses({
            live,
            request,
            shown: new Set(rows.map((e) => e.id)),
            openEnded: !isCustomRange(view.range),
            oldestLoaded: hasMore ? rows.at(-1)?.occurredAt : undefined,
          })
        : [],
    [fetched, current, live, request, rows, view.range, hasMore],
  );
  const freshIds = useMemo(() => new Set(revealedEvents.map((e) => e.id)), [revealedEvents]);
  // Only decides "today or another day" in the time column.
  const now = Date.now();

  // Focus: to a row (after Esc, "Load older", "Show"), or to the detail when the reader opens one.
  const results = useRef<HTMLDivElement>(null);
  const [focusRow, setFocusRow] = useState<{ id: string }>();
  const [detailFocus, setDetailFocus] = useState(0);
  useEffect(() => {
    if (!focusRow) return;
    const link = results.current?.querySelector<HTMLElement>(`tr[data-event-id="${CSS.escape(focusRow.id)}"] .row-link`);
    (link ?? results.current)?.focus();
  }, [focusRow]);

  const search = params.toString();
  const open: EventTableOpen = useMemo(
    () => ({
      hrefFor: (e) => `/events${applyPatch(search, { event: e.id })}`,
      onOpen: (e) => {
        update({ event: e.id });
        setDetailFocus((n) => n + 1);
      },
      selectedId,
    }),
    [search, update, selectedId],
  );

  const closeDetail = useCallback(() => {
    if (selectedId === undefined) return;
    update({ event: undefined });
    setFocusRow({ id: selectedId });
  }, [selectedId, update]);

  // Esc closes the detail from anywhere but a form field, where Esc already means "clear" or "close the list".
  useEffect(() => {
    if (selectedId === undefined) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== "Escape" || e.defaultPrevented) return;
      if (e.target instanceof Element && e.target.closest("input, select, textarea")) return;
      closeDetail();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [selectedId, closeDetail]);

  const changeFilters = (patch: Partial<ExplorerFilters>, { push }: { push: boolean }) => {
    const next = { ...filters, ...patch };
    // A cause the new code never has would only empty the table.
    if (!causeFitsCode(codes, next.code, next.cause)) next.cause = "";
    update(explorerParams(next), { push });
  };
  const clearFilters = () => update(explorerParams(NO_FILTERS), { push: true });
  const setRange = (range: RangeKey) => {
    const { range: preset, from, to } = viewParams({ range, service: "" });
    update({ range: preset, from, to }, { push: true });
  };

  const loadOlder = async () => {
    const trigger = document.activeElement;
    const before = fetched?.length ?? 0;
    const result = await pages.fetchNextPage();
    const first = result.data?.pages[before]?.events[0];
    // Carry on reading at the first older row, unless the reader went elsewhere meanwhile.
    const focusStayed = document.activeElement === trigger || document.activeElement === document.body;
    if (first && focusStayed) setFocusRow({ id: first.id });
  };

  const showPending = () => {
    setRevealed({ at: anchor.at, events: [...revealedEvents, ...pending] });
    if (pending[0]) setFocusRow({ id: pending[0].id });
  };

  const state: ResultsState = {
    loading: pages.isPending,
    error: pages.isError && !pages.isFetchNextPageError ? pages.error : null,
    hasMore,
    loadingMore: pages.isFetchingNextPage,
    moreError: pages.isFetchNextPageError ? pages.error : null,
    stale: pages.isPlaceholderData,
  };
  const filtered = hasExplorerFilters(filters);
  const known = selectedId === undefined ? undefined : (rows.find((e) => e.id === selectedId) ?? live.find((e) => e.id === selectedId));

  return (
    <>
      <div className="span-12 page-intro">
        <h1 className="page-title">Events</h1>
        <p className="muted">
          Every recorded close in the {describeRange(view.range)}
          {view.service ? ` for ${view.service}` : ""}, newest first. Open one to see everything recorded about it and
          how to fix its cause.
        </p>
      </div>
      <FilterForm filters={filters} onChange={changeFilters} onClear={clearFilters} codes={codes} />
      <div className={selectedId ? "span-12 explorer-layout has-detail" : "span-12 explorer-layout"}>
        <ResultsPanel
          state={state}
          rows={rows}
          now={now}
          freshIds={freshIds}
          open={open}
          anchorAt={isCustomRange(view.range) ? undefined : anchor.at}
          pending={pending.length}
          onShowPending={showPending}
          onRefresh={anchor.reanchor}
          onRetry={() => void pages.refetch()}
          onLoadOlder={() => void loadOlder()}
          regionRef={results}
          empty={
            <EmptyResults
              view={view}
              filtered={filtered}
              onClearFilters={clearFilters}
              onAllServices={() => update({ service: undefined }, { push: true })}
              onRange={setRange}
            />
          }
        />
        {selectedId !== undefined ? (
          <EventDetail
            key={selectedId}
            id={selectedId}
            known={known}
            codes={codes}
            codesError={codesQuery.error}
            onClose={closeDetail}
            focusToken={detailFocus}
          />
        ) : null}
      </div>
    </>
  );
}
