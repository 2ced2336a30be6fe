import type { CodeInfo, StoredEvent } from "@closewatch/protocol";
import { useEffect, useId, useRef, useState } from "react";
import { CodeLabel } from "../../components/CodeLabel.js";
import { ErrorState, LoadingState } from "../../components/States.js";
import { CodeAdvice } from "./CodeAdvice.js";
import { EventRecord } from "./EventRecord.js";
import { useEventById } from "./queries.js";

interface EventDetailProps {
  id: string;
  /** The event when it is already on the page (loaded rows, live feed); otherwise fetched by id. */
  known: StoredEvent | undefined;
  codes: readonly CodeInfo[] | undefined;
  codesError: unknown;
  onClose: () => void;
  /** Changes each time the reader opens a row: the detail then takes the focus. */
  focusToken: number;
}

/** Everything recorded about one close, and what the knowledge base says about its code and cause. */
export function EventDetail({ id, known, codes, codesError, onClose, focusToken }: EventDetailProps) {
  const titleId = useId();
  const section = useRef<HTMLElement>(null);
  // Once shown, an event stays even if new filters drop its row: no refetch, no flash of "loading".
  const [seen, setSeen] = useState(known);
  if (known && known !== seen) setSeen(known);
  const onPage = known ?? seen;
  const query = useEventById(id, onPage === undefined);
  const event = onPage ?? query.data;

  useEffect(() => {
    const el = section.current;
    if (focusToken === 0 || !el) return;
    // Beside the list its top is already in view: taking focus must not scroll the rows away.
    const top = el.getBoundingClientRect().top;
    el.focus({ preventScroll: top >= 0 && top < window.innerHeight / 2 });
  }, [focusToken]);

  let body;
  if (event) {
    body = (
      <>
        <EventRecord event={event} />
        <h3 className="subheading">Why, and what to do</h3>
        <CodeAdvice code={event.code} cause={event.cause} codes={codes} error={codesError} />
      </>
    );
  } else if (query.isError) {
    body = <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  } else {
    body = <LoadingState lines={6} label="Loading the close…" />;
  }

  return (
    <section className="panel explorer-detail" aria-labelledby={titleId} tabIndex={-1} ref={section}>
      <header className="panel-header explorer-detail-header">
        <h2 className="panel-title" id={titleId}>
          {event ? (
            <>
              <span className="visually-hidden">Detail: </span>
              <CodeLabel code={event.code} withName /> <code className="cause">{event.cause}</code>
            </>
          ) : (
            "Detail: a close"
          )}
        </h2>
        <button type="button" className="button" onClick={onClose} aria-label="Close the detail" title="Close (Esc)">
          Close <span aria-hidden="true">✕</span>
        </button>
      </header>
      {body}
    </section>
  );
}
