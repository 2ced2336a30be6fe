import { createAgent } from "@closewatch/agent";
import { ConfigError, loadConfig, type RunningCollector, startCollector } from "@closewatch/collector";
import { startChatServer } from "./chat-server.js";
import { type DemoConfig, DemoConfigError, loadDemoConfig } from "./config.js";
import { runTraffic, weightedScenarios } from "./traffic.js";

// `npm run demo`: a collector, two instrumented ws services and clients that
// misbehave in the ways that produce 1008 and 1009, so the dashboard moves
// within seconds of starting. After DEMO_DEPLOY_AFTER_S seconds (90) a
// simulated deploy halves feed-api's size limit, so the dashboard can show
// a sudden change and name the lowered limit as its likely cause.
// With DEMO_COLLECTOR_URL set (docker-compose.yml does) the demo starts no
// collector of its own and its agents send to that one, with DEMO_AGENT_TOKEN.
async function configure(): Promise<{ demo: DemoConfig; collector: RunningCollector | undefined }> {
  try {
    const demo = loadDemoConfig();
    // The in-process collector reads the collector's own variables (PORT, DATABASE_URL…).
    const collector = demo.collectorUrl ? undefined : await startCollector(loadConfig(), { logger: { level: "warn" } });
    return { demo, collector };
  } catch (error) {
    if (error instanceof DemoConfigError || error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
const { demo, collector } = await configure();
const endpoint = collector?.url ?? demo.collectorUrl!;
const deployAfterMs = demo.deployAfterMs;

const services = [
  { service: "chat-api", maxPayload: 64 * 1024, messagesPerSecond: 20, intervalMs: 150 },
  { service: "feed-api", maxPayload: 16 * 1024, messagesPerSecond: 40, intervalMs: 400 },
];

const running = await Promise.all(
  services.map(async (s) => {
    const agent = createAgent({ endpoint, service: s.service, instance: "demo-1", flushIntervalMs: 250, token: demo.agentToken });
    const start = (maxPayload: number) =>
      // Port 0: the demo's own ws servers never collide with anything else running here.
      startChatServer({ port: 0, host: "127.0.0.1", agent, maxPayload, messagesPerSecond: s.messagesPerSecond });
    const entry = { agent, server: await start(s.maxPayload), traffic: undefined as unknown as ReturnType<typeof runTraffic> };
    entry.traffic = runTraffic(() => entry.server.url, weightedScenarios(s.maxPayload, s.messagesPerSecond), s.intervalMs);
    if (s.service === "feed-api") {
      setTimeout(async () => {
        console.log(`[demo] deploying feed-api v2: maxPayload ${s.maxPayload} → ${s.maxPayload / 2} B`);
        await entry.server.close();
        entry.server = await start(s.maxPayload / 2);
      }, deployAfterMs).unref();
    }
    return entry;
  }),
);

console.log(
  collector
    ? `closewatch demo: dashboard at ${collector.url}/  (Ctrl+C to stop)`
    : `closewatch demo: sending closes to the collector at ${endpoint}  (Ctrl+C to stop)`,
);
services.forEach((s, i) =>
  console.log(`  ${s.service}: ${running[i]!.server.url}, maxPayload ${s.maxPayload} B, ${s.messagesPerSecond} msg/s limit`),
);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  for (const r of running) await r.traffic.stop();
  for (const r of running) await r.server.close();
  for (const r of running) await r.agent.shutdown();
  await collector?.close();
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
