import { useMemo } from "react";
import { useEventsQuery } from "./api/queries.js";
import { LiveIndicator } from "./components/LiveIndicator.js";
import { LiveFeedPanel } from "./features/events/LiveFeedPanel.js";
import { FilterBar } from "./features/filters/FilterBar.js";
import { Overview } from "./features/overview/Overview.js";
import { useLiveUpdates } from "./hooks/useLiveUpdates.js";
import { useViewFilters } from "./hooks/useViewFilters.js";
import { servicesIn } from "./lib/events.js";

export function App() {
  const { filters, serviceInput, setServiceInput, setRange } = useViewFilters();
  const live = useLiveUpdates(filters);
  const page = useEventsQuery(filters).data?.events;
  // Suggestions for the service box: every service in the fetched page and the live stream.
  const services = useMemo(() => servicesIn([live.events, page ?? []]), [live.events, page]);

  return (
    <div className="app">
      <header className="app-header">
        <div className="app-header-inner">
          <div className="brand">
            <span className="brand-name">closewatch</span>
            <span className="brand-tagline">why WebSockets close</span>
            <LiveIndicator status={live.status} />
          </div>
          <FilterBar
            range={filters.range}
            onRangeChange={setRange}
            serviceInput={serviceInput}
            onServiceInputChange={setServiceInput}
            services={services}
          />
        </div>
      </header>
      <main className="grid">
        <Overview filters={filters} />
        <LiveFeedPanel filters={filters} live={live.events} />
      </main>
    </div>
  );
}
