import type { StoredEvent } from "@closewatch/protocol";
import { Panel } from "../../components/Panel.js";
import type { ViewFilters } from "../../lib/view.js";

export interface EventsExplorerProps {
  filters: ViewFilters;
  /** Events pushed by the live socket since the page loaded, newest first. */
  live: readonly StoredEvent[];
}

/** Placeholder: the explorer is being built. */
export function EventsExplorer(_props: EventsExplorerProps) {
  return <Panel title="Events" className="span-12">Coming soon.</Panel>;
}
