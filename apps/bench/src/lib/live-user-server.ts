import { once } from "node:events";
import { createAgent } from "@closewatch/agent";
import WebSocket, { WebSocketServer } from "ws";
import { childArgs, serveParent } from "./load-child.js";
import type { CloseParams, CloseReply, UserServerArgs, UserServerInfo } from "./live-protocol.js";
import { sleep, wallNow } from "./load-stats.js";

// The user's server of the live-latency scenario, in its own process: a ws
// server instrumented by the agent, a pool of clients connected to it, and
// on request the server closing them at a steady rate, one token per close.
const args = childArgs<UserServerArgs>();
const agentErrors: Record<string, number> = {};
const agent = createAgent({
  endpoint: args.endpoint,
  service: "bench-live",
  flushIntervalMs: args.flushIntervalMs,
  onError: (error) => {
    agentErrors[error.code] = (agentErrors[error.code] ?? 0) + 1;
  },
});

const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
await once(wss, "listening");
agent.instrument(wss, { route: "/live-bench" });
const port = (wss.address() as { port: number }).port;

/** Server-side sockets still open, oldest first (a Set iterates in insertion order). */
const open = new Set<WebSocket>();
const closedAt = new Map<string, number>();
wss.on("connection", (ws) => {
  open.add(ws);
  ws.on("error", () => {});
  ws.on("close", (_code, reason) => {
    open.delete(ws);
    const text = reason.toString();
    if (text) closedAt.set(text, wallNow());
  });
});

let stopping = false;
function connectClient(): void {
  const ws = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate: false });
  ws.on("error", () => {});
  ws.on("close", () => {
    if (!stopping) connectClient();
  });
}
for (let i = 0; i < args.pool; i++) connectClient();
while (open.size < args.pool) await sleep(10);

async function closeSteadily({ prefix, count, perSecond }: CloseParams): Promise<CloseReply> {
  const reasons = Array.from({ length: count }, (_, i) => `${prefix}${i}`);
  const t0 = performance.now();
  let next = 0;
  while (next < count) {
    const due = Math.min(count, Math.floor(((performance.now() - t0) * perSecond) / 1000) + 1);
    for (; next < due; next++) {
      const ws = open.values().next().value;
      if (!ws) break;
      open.delete(ws);
      ws.close(4000, reasons[next]);
    }
    await sleep(1);
  }
  const deadline = Date.now() + 3000;
  while (reasons.some((r) => !closedAt.has(r)) && Date.now() < deadline) await sleep(10);
  const reply: CloseReply = { closedAt: [], missing: 0 };
  for (const r of reasons) {
    const at = closedAt.get(r);
    if (at === undefined) reply.missing++;
    else reply.closedAt.push([r, at]);
  }
  return reply;
}

serveParent(
  {
    close: (p) => closeSteadily(p as CloseParams),
    stats: () => ({ stats: agent.stats(), agentErrors }),
    async stop() {
      stopping = true;
      await agent.shutdown({ timeoutMs: 2000 });
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  },
  { port } satisfies UserServerInfo,
);
