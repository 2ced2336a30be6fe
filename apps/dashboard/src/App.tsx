import { lazy, Suspense, useEffect, useRef, type ReactNode } from "react";
import { AppNav } from "./components/AppNav.js";
import { LiveIndicator } from "./components/LiveIndicator.js";
import { NotFound } from "./components/NotFound.js";
import { Panel } from "./components/Panel.js";
import { LoadingState } from "./components/States.js";
import { ThemeToggle } from "./components/ThemeToggle.js";
import { needsSignIn, useSessionQuery } from "./api/session.js";
import { SignInPanel } from "./features/auth/SignInPanel.js";
import { SignOutButton } from "./features/auth/SignOutButton.js";
import { FilterBar } from "./features/filters/FilterBar.js";
import { Overview } from "./features/overview/Overview.js";
import { useLiveUpdates } from "./hooks/useLiveUpdates.js";
import { useLocation } from "./hooks/useLocation.js";
import { useViewFilters } from "./hooks/useViewFilters.js";
import { FILTERED_ROUTES, PAGE_TITLES, routeFor } from "./lib/routes.js";
import { serializeView } from "./lib/view.js";

// Pages most visits never open load on demand, keeping the overview's first render small.
const CodeReference = lazy(() =>
  import("./features/codes/CodeReference.js").then((m) => ({ default: m.CodeReference })),
);
const EventsExplorer = lazy(() =>
  import("./features/explorer/EventsExplorer.js").then((m) => ({ default: m.EventsExplorer })),
);
const ServicesView = lazy(() =>
  import("./features/services/ServicesView.js").then((m) => ({ default: m.ServicesView })),
);
const AlertsPage = lazy(() => import("./features/alerts/AlertsPage.js").then((m) => ({ default: m.AlertsPage })));

function PageLoading({ title }: { title: string }) {
  return (
    <Panel title={title} className="span-12">
      <LoadingState lines={6} label={`Loading ${title.toLowerCase()}…`} />
    </Panel>
  );
}

export function App() {
  const { pathname } = useLocation();
  const route = routeFor(pathname);
  const filtered = FILTERED_ROUTES.includes(route);
  const view = useViewFilters();
  // The code reference carries no filters in its URL; the nav links bring back the last ones used.
  const lastView = useRef(view.filters);
  if (filtered) lastView.current = view.filters;
  const filters = filtered ? view.filters : lastView.current;
  const session = useSessionQuery();
  const signIn = needsSignIn(session.data);
  const live = useLiveUpdates(filters, session.data !== undefined && !signIn);

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

  let page: ReactNode;
  if (signIn) page = <SignInPanel />;
  else switch (route) {
    case "overview":
      page = <Overview filters={filters} live={live.events} />;
      break;
    case "events":
      page = (
        <Suspense fallback={<PageLoading title="Events" />}>
          <EventsExplorer filters={filters} live={live.events} />
        </Suspense>
      );
      break;
    case "services":
      page = (
        <Suspense fallback={<PageLoading title="Services" />}>
          <ServicesView filters={filters} />
        </Suspense>
      );
      break;
    case "alerts":
      page = (
        <Suspense fallback={<PageLoading title="Alert rules" />}>
          <AlertsPage />
        </Suspense>
      );
      break;
    case "codes":
      page = (
        <Suspense fallback={<PageLoading title="Close code reference" />}>
          <CodeReference />
        </Suspense>
      );
      break;
    default:
      page = <NotFound pathname={pathname} />;
  }

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="app-header-inner">
          <div className="brand">
            <span className="brand-name">closewatch</span>
            <span className="brand-tagline">why WebSockets close</span>
            <LiveIndicator status={live.status} />
          </div>
          <AppNav route={route} viewSearch={serializeView(filters)} />
          <ThemeToggle />
          <SignOutButton />
          {filtered ? (
            <FilterBar range={filters.range} onRangeChange={view.setRange} service={filters.service} onServiceChange={view.setService} />
          ) : null}
        </div>
      </header>
      <main id="main" className="grid" ref={main} tabIndex={-1}>
        {page}
      </main>
    </div>
  );
}
