import type { StoredEvent } from "@closewatch/protocol";
import type { ReactNode, Ref } from "react";
import { Panel } from "../../components/Panel.js";
import { ErrorState, LoadingState } from "../../components/States.js";
import { formatCount, formatEventTime } from "../../lib/format.js";
import { EventTable, type EventTableOpen } from "../events/EventTable.js";
import { NewClosesNotice } from "./NewClosesNotice.js";

/** What the results show of the paged query: its state, not the query object, so this stays a view. */
export interface ResultsState {
  /** First page not here yet (and nothing from an earlier search to show meanwhile). */
  loading: boolean;
  /** The first page failed. */
  error: unknown;
  /** Older pages exist beyond the loaded rows. */
  hasMore: boolean;
  loadingMore: boolean;
  /** "Load older" failed. */
  moreError: unknown;
  /** Rows on screen belong to the previous search while the new one loads. */
  stale: boolean;
}

interface ResultsPanelProps {
  state: ResultsState;
  rows: readonly StoredEvent[];
  now: number;
  freshIds: ReadonlySet<string>;
  open: EventTableOpen;
  /** The instant the window ends at, for a preset range; undefined for a fixed custom window. */
  anchorAt: number | undefined;
  pending: number;
  onShowPending: () => void;
  onRefresh: () => void;
  onRetry: () => void;
  onLoadOlder: () => void;
  /** Shown instead of the table when nothing matched. */
  empty: ReactNode;
  /** Focus lands here when no row can take it. */
  regionRef: Ref<HTMLDivElement>;
}

/** The matching closes, newest first, a page at a time. */
export function ResultsPanel(props: ResultsPanelProps) {
  const { state, rows, now, anchorAt, onRefresh } = props;
  const aside = (
    <span className="explorer-anchor">
      {anchorAt !== undefined ? (
        <span className="muted">
          Up to <time dateTime={new Date(anchorAt).toISOString()}>{formatEventTime(new Date(anchorAt).toISOString(), now)}</time>
        </span>
      ) : null}
      <button type="button" className="button" onClick={onRefresh} title="Fetch again, up to now">
        Refresh
      </button>
    </span>
  );

  let body: ReactNode;
  if (state.loading) body = <LoadingState lines={8} label="Loading closes…" />;
  else if (state.error && rows.length === 0) body = <ErrorState error={state.error} onRetry={props.onRetry} />;
  else if (rows.length === 0) body = props.empty;
  else body = <Rows {...props} />;

  return (
    <div className="explorer-results" ref={props.regionRef} tabIndex={-1}>
      <Panel title="Closes" aside={aside} stale={state.stale}>
        <NewClosesNotice count={props.pending} onShow={props.onShowPending} />
        {body}
      </Panel>
    </div>
  );
}

function Rows({ state, rows, now, freshIds, open, onLoadOlder }: ResultsPanelProps) {
  const count = `${formatCount(rows.length)} ${rows.length === 1 ? "close" : "closes"}`;
  return (
    <>
      <EventTable events={rows} now={now} freshIds={freshIds} open={open} />
      <div className="explorer-more">
        <p className="explorer-count">
          {state.hasMore ? `Showing ${count}, newest first. Older ones match too.` : `Showing all ${count} that match.`}
        </p>
        {state.hasMore ? (
          // aria-disabled, not disabled: a disabled button drops the keyboard focus it was pressed with.
          <button
            type="button"
            className="button"
            aria-disabled={state.loadingMore || undefined}
            onClick={() => {
              if (!state.loadingMore) onLoadOlder();
            }}
          >
            {state.loadingMore ? "Loading older closes…" : "Load older closes"}
          </button>
        ) : null}
      </div>
      {state.moreError ? <ErrorState error={state.moreError} onRetry={onLoadOlder} /> : null}
    </>
  );
}
