import { Panel } from "../../components/Panel.js";
import { EmptyState } from "../../components/States.js";
import { describeRange, isCustomRange, type ViewFilters } from "../../lib/view.js";

/**
 * Nothing stored for this view. Narrowed by a service or a custom window, the
 * way out is widening it; otherwise this is a first run, so show how to send
 * something.
 */
export function EmptyOverview({ origin, filters }: { origin: string; filters: ViewFilters }) {
  if (filters.service || isCustomRange(filters.range)) {
    const where = filters.service ? ` for service “${filters.service}”` : "";
    return (
      <Panel title="Overview" className="span-12">
        <EmptyState title={`No closes recorded ${describeRange(filters.range)}${where}.`}>
          <p className="muted">Try a wider time range{filters.service ? " or all services" : ""}.</p>
        </EmptyState>
      </Panel>
    );
  }
  const snippet = [
    'import { createAgent } from "@closewatch/agent";',
    "",
    `const agent = createAgent({ endpoint: ${JSON.stringify(origin)}, service: "chat-api" });`,
    "agent.instrument(wss); // your ws WebSocketServer",
  ].join("\n");
  return (
    <Panel title="Overview" className="span-12">
      <EmptyState title={`No closes recorded ${describeRange(filters.range)} — point an agent at this collector.`}>
        <p className="muted">
          Every WebSocket close the agent sees shows up here within seconds. To see demo traffic, run{" "}
          <code>npm run demo</code>.
        </p>
        <pre className="snippet">
          <code>{snippet}</code>
        </pre>
      </EmptyState>
    </Panel>
  );
}
