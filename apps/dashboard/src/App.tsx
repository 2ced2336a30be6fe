import type { StoredEvent } from "@closewatch/protocol";
import { lazy, Suspense, useEffect, useMemo, useRef } from "react";
import { useEventsQuery } from "./api/queries.js";
import { AppNav } from "./components/AppNav.js";
import { LiveIndicator } from "./components/LiveIndicator.js";
import { NotFound } from "./components/NotFound.js";
import { Panel } from "./components/Panel.js";
import { LoadingState } from "./components/States.js";
import { EventsPlaceholder } from "./features/events/EventsPlaceholder.js";
import { LiveFeedPanel } from "./features/events/LiveFeedPanel.js";
import { FilterBar } from "./features/filters/FilterBar.js";
import { Overview } from "./features/overview/Overview.js";
import { useLiveUpdates } from "./hooks/useLiveUpdates.js";
import { useLocation } from "./hooks/useLocation.js";
import { useViewFilters, type ViewState } from "./hooks/useViewFilters.js";
import { servicesIn } from "./lib/events.js";
import { PAGE_TITLES, routeFor } from "./lib/routes.js";
import { serializeView } from "./lib/view.js";

// The reference is a page of its own that most visits never open: its code loads on demand.
const CodeReference = lazy(() =>
  import("./features/codes/CodeReference.js").then((m) => ({ default: m.CodeReference })),
);

export function App() {
  const { pathname, search } = useLocation();
  const route = routeFor(pathname);
  // Filters and the live feed live as long as the page, so a look at the reference keeps them.
  const view = useViewFilters(route === "overview");
  const live = useLiveUpdates(view.filters);

  const main = useRef<HTMLElement>(null);
  const firstRoute = useRef(true);
  useEffect(() => {
    document.title = PAGE_TITLES[route];
    if (firstRoute.current) {
      firstRoute.current = false;
      return;
    }
    // A new page: start at its top, and let screen readers start there too.
    window.scrollTo(0, 0);
    main.current?.focus({ preventScroll: true });
  }, [route]);

  let page;
  if (route === "overview") {
    page = (
      <>
        <Overview filters={view.filters} />
        <LiveFeedPanel filters={view.filters} live={live.events} />
      </>
    );
  } else if (route === "codes") {
    page = (
      <Suspense
        fallback={
          <Panel title="Close code reference" className="span-12">
            <LoadingState lines={6} label="Loading the code reference…" />
          </Panel>
        }
      >
        <CodeReference />
      </Suspense>
    );
  } else if (route === "events") {
    page = <EventsPlaceholder search={search} />;
  } else {
    page = <NotFound pathname={pathname} />;
  }

  return (
    <div className="app">
      <header className="app-header">
        <div className="app-header-inner">
          <div className="brand">
            <span className="brand-name">closewatch</span>
            <span className="brand-tagline">why WebSockets close</span>
            <LiveIndicator status={live.status} />
          </div>
          <AppNav route={route} overviewHref={`/${serializeView(view.filters)}`} />
          {route === "overview" ? <OverviewFilters view={view} live={live.events} /> : null}
        </div>
      </header>
      <main className="grid" ref={main} tabIndex={-1}>
        {page}
      </main>
    </div>
  );
}

/** Range and service controls; only the overview uses them. */
function OverviewFilters({ view, live }: { view: ViewState; live: readonly StoredEvent[] }) {
  const page = useEventsQuery(view.filters).data?.events;
  // Suggestions for the service box: every service in the fetched page and the live stream.
  const services = useMemo(() => servicesIn([live, page ?? []]), [live, page]);
  return (
    <FilterBar
      range={view.filters.range}
      onRangeChange={view.setRange}
      serviceInput={view.serviceInput}
      onServiceInputChange={view.setServiceInput}
      services={services}
    />
  );
}
