import { createAgent } from "@closewatch/agent";
import { loadConfig, startCollector } from "@closewatch/collector";
import { startChatServer } from "./chat-server.js";
import { runTraffic, weightedScenarios } from "./traffic.js";

// `npm run demo`: a collector, two instrumented ws services and clients that
// misbehave in the ways that produce 1008 and 1009, so the dashboard moves
// within seconds of starting.
const config = loadConfig();
const collector = await startCollector(config, { logger: { level: "warn" } });

const services = [
  { service: "chat-api", port: 4101, maxPayload: 64 * 1024, messagesPerSecond: 20, intervalMs: 150 },
  { service: "feed-api", port: 4102, maxPayload: 16 * 1024, messagesPerSecond: 40, intervalMs: 400 },
];

const running = await Promise.all(
  services.map(async (s) => {
    const agent = createAgent({ endpoint: collector.url, service: s.service, instance: "demo-1", flushIntervalMs: 250 });
    const server = await startChatServer({ port: s.port, host: "127.0.0.1", agent, maxPayload: s.maxPayload, messagesPerSecond: s.messagesPerSecond });
    const traffic = runTraffic(server.url, weightedScenarios(s.maxPayload), s.intervalMs);
    return { agent, server, traffic };
  }),
);

console.log(`closewatch demo: dashboard at ${collector.url}/  (Ctrl+C to stop)`);
for (const s of services) console.log(`  ${s.service}: ws://127.0.0.1:${s.port}/chat, maxPayload ${s.maxPayload} B, ${s.messagesPerSecond} msg/s limit`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  for (const r of running) await r.traffic.stop();
  for (const r of running) await r.server.close();
  for (const r of running) await r.agent.shutdown();
  await collector.close();
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
