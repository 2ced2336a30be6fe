import { once } from "node:events";
import { type Agent, createAgent } from "@closewatch/agent";
import { WebSocketServer } from "ws";
import {
  CLOSE_COMMAND,
  type EchoMarkParams,
  type EchoServerArgs,
  type EchoServerInfo,
  type EchoServerSample,
  TERMINATE_COMMAND,
} from "./agent-echo-protocol.js";
import { childArgs, serveParent } from "./load-child.js";

// The user's server of the agent-overhead scenario, in its own process: a ws
// echo server, with or without the agent. Started by startChild().
const args = childArgs<EchoServerArgs>();

const wss = new WebSocketServer({ host: "127.0.0.1", port: 0, maxPayload: 64 * 1024 });
await once(wss, "listening");

const agentErrors: Record<string, number> = {};
let agent: Agent | undefined;
if (args.agent) {
  agent = createAgent({
    endpoint: args.agent.endpoint,
    service: "bench-echo",
    instance: `pid-${process.pid}`,
    flushIntervalMs: args.agent.flushIntervalMs,
    ...(args.agent.maxQueueSize === undefined ? {} : { maxQueueSize: args.agent.maxQueueSize }),
    onError: (error) => {
      agentErrors[error.code] = (agentErrors[error.code] ?? 0) + 1;
    },
  });
  agent.instrument(wss, { route: "/echo" });
}

wss.on("connection", (ws) => {
  ws.on("error", () => {});
  ws.on("message", (data, isBinary) => {
    if (isBinary) {
      ws.send(data as Buffer, { binary: true });
      return;
    }
    const command = String(data);
    if (command === TERMINATE_COMMAND) ws.terminate();
    else if (command.startsWith(CLOSE_COMMAND)) ws.close(Number(command.slice(CLOSE_COMMAND.length)), "bench: server closes");
  });
});

// Peaks are sampled the same way with and without the agent, so the sampler's
// own cost is in both runs.
let cpuAtMark = process.cpuUsage();
let rssPeak = 0;
let heapPeak = 0;
let heapAtMark = 0;
let queueHighWater = 0;
let samplerTicks = 0;
const sampler = setInterval(() => {
  if (agent) queueHighWater = Math.max(queueHighWater, agent.stats().queued);
  if (samplerTicks++ % 5 === 0) {
    const memory = process.memoryUsage();
    rssPeak = Math.max(rssPeak, memory.rss);
    heapPeak = Math.max(heapPeak, memory.heapUsed);
  }
}, 20);
sampler.unref();

function mark(params: EchoMarkParams): void {
  if (params.gc) globalThis.gc?.();
  const memory = process.memoryUsage();
  heapAtMark = memory.heapUsed;
  rssPeak = memory.rss;
  heapPeak = memory.heapUsed;
  queueHighWater = agent?.stats().queued ?? 0;
  cpuAtMark = process.cpuUsage();
}

function sample(params: EchoMarkParams): EchoServerSample {
  const cpu = process.cpuUsage(cpuAtMark);
  if (params.gc) globalThis.gc?.();
  const memory = process.memoryUsage();
  return {
    cpuMicros: cpu.user + cpu.system,
    rssPeakBytes: Math.max(rssPeak, memory.rss),
    heapPeakBytes: Math.max(heapPeak, memory.heapUsed),
    heapUsedBytes: memory.heapUsed,
    heapAtMarkBytes: heapAtMark,
    queueHighWater: Math.max(queueHighWater, agent?.stats().queued ?? 0),
    stats: agent?.stats(),
    agentErrors,
    connections: wss.clients.size,
  };
}

async function stop(): Promise<void> {
  clearInterval(sampler);
  // Shutdown undoes instrument() and flushes with a deadline (a down collector must not hold us).
  await agent?.shutdown({ timeoutMs: 2000 });
  for (const ws of wss.clients) ws.terminate();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
}

serveParent(
  { mark: (p) => mark(p as EchoMarkParams), sample: (p) => sample(p as EchoMarkParams), stop },
  { port: (wss.address() as { port: number }).port } satisfies EchoServerInfo,
);
