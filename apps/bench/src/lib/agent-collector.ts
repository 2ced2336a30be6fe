import { childArgs, serveParent } from "./load-child.js";
import { type Engine, startBenchCollector } from "./live-collector.js";

// The agent-overhead scenario's collector, in its own process: run in the
// load generator's process, its ingest work would stall that event loop in
// the runs with the agent only, and show up as their latency.
const args = childArgs<{ engine: Engine; pgAdminUrl: string }>();
const bench = await startBenchCollector(args.engine, args.pgAdminUrl);
serveParent({ stop: () => bench.close() }, { url: bench.collector.url });
