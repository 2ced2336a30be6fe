import { Panel } from "../../components/Panel.js";
import type { ViewFilters } from "../../lib/view.js";

/** Placeholder: the services view is being built. */
export function ServicesView(_props: { filters: ViewFilters }) {
  return <Panel title="Services" className="span-12">Coming soon.</Panel>;
}
