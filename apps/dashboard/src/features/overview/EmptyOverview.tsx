import { Panel } from "../../components/Panel.js";
import { EmptyState } from "../../components/States.js";

/** First-run state: nothing stored for this range, so show how to send something. */
export function EmptyOverview({ origin }: { origin: string }) {
  const snippet = [
    'import { createAgent } from "@closewatch/agent";',
    "",
    `const agent = createAgent({ endpoint: ${JSON.stringify(origin)}, service: "chat-api" });`,
    "agent.instrument(wss); // your ws WebSocketServer",
  ].join("\n");
  return (
    <Panel title="Overview" className="span-12">
      <EmptyState title="No closes in this range yet — point an agent at this collector.">
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
