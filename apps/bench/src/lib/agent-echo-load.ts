import WebSocket from "ws";
import { CLOSE_COMMAND, TERMINATE_COMMAND } from "./agent-echo-protocol.js";
import { percentiles, Samples, sleep } from "./load-stats.js";

/** How a churn connection ends; the mix gives the agent every kind of close to record. */
type Ending =
  | { by: "client"; code: number }
  | { by: "client-terminate" }
  | { by: "server"; code: number }
  | { by: "server-terminate" };

const ENDINGS: readonly Ending[] = [
  { by: "client", code: 1000 },
  { by: "client", code: 1001 },
  { by: "client", code: 4000 },
  { by: "client", code: 3001 },
  { by: "client-terminate" }, // the server sees 1006
  { by: "server", code: 1011 },
  { by: "server", code: 1008 },
  { by: "server", code: 4100 },
  { by: "server-terminate" },
];

export interface ChurnStats {
  opened: number;
  closed: number;
  /** Connections that failed before opening. */
  failed: number;
}

/**
 * Opens `perSecond` short-lived connections per second to the echo server;
 * each sends 1–3 messages and ends in one of the ENDINGS (cycled in order).
 */
export class Churn {
  readonly stats: ChurnStats = { opened: 0, closed: 0, failed: 0 };
  private readonly live = new Set<WebSocket>();
  private timer: NodeJS.Timeout | undefined;
  private started = 0;
  private readonly payload = Buffer.alloc(64, 1);

  constructor(
    private readonly url: string,
    private readonly perSecond: number,
    private readonly lifetimeMs: readonly [min: number, max: number],
  ) {}

  start(): void {
    const t0 = performance.now();
    this.timer = setInterval(() => {
      const due = Math.floor(((performance.now() - t0) * this.perSecond) / 1000);
      // Capped per tick so that a stall does not turn into a connection storm.
      for (let n = 0; this.started < due && n < 100; n++) this.open(this.started++);
    }, 5);
  }

  /** Stops opening; waits for the connections still alive to end (terminated after `timeoutMs`). */
  async stop(timeoutMs = 3000): Promise<ChurnStats> {
    clearInterval(this.timer);
    const deadline = Date.now() + timeoutMs;
    while (this.live.size > 0 && Date.now() < deadline) await sleep(20);
    for (const ws of this.live) ws.terminate();
    return this.stats;
  }

  private open(index: number): void {
    const ws = new WebSocket(this.url, { perMessageDeflate: false });
    let opened = false;
    this.live.add(ws);
    ws.on("error", () => {
      if (!opened) this.stats.failed++;
    });
    ws.on("close", () => {
      this.live.delete(ws);
      if (opened) this.stats.closed++;
    });
    ws.on("open", () => {
      opened = true;
      this.stats.opened++;
      const messages = 1 + (index % 3);
      for (let i = 0; i < messages; i++) ws.send(this.payload);
      const [min, max] = this.lifetimeMs;
      setTimeout(() => this.end(ws, ENDINGS[index % ENDINGS.length]!), min + Math.random() * (max - min));
    });
  }

  private end(ws: WebSocket, ending: Ending): void {
    if (ws.readyState !== WebSocket.OPEN) return;
    switch (ending.by) {
      case "client":
        ws.close(ending.code, "bench: client leaves");
        break;
      case "client-terminate":
        ws.terminate();
        break;
      case "server":
        ws.send(`${CLOSE_COMMAND}${ending.code}`);
        break;
      case "server-terminate":
        ws.send(TERMINATE_COMMAND);
        break;
    }
  }
}

export interface EchoLoadOptions {
  url: string;
  connections: number;
  /** Messages per second over all connections, sent round-robin. */
  ratePerSecond: number;
  messageBytes: number;
  warmupMs: number;
  durationMs: number;
  churnPerSecond: number;
  /** Called (and awaited) when the measured window starts / ends, e.g. to sample the server. */
  onWindowStart(): Promise<void>;
  onWindowEnd(): Promise<void>;
}

export interface EchoLoadResult {
  /** Messages sent per second during the window (the offered rate actually achieved). */
  sentPerSecond: number;
  /** Echoes received per second during the window. */
  echoesPerSecond: number;
  /** Round trip of the messages sent during the window, ms. */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  echoedInWindow: number;
  windowMs: number;
  /** Messages sent during the window whose echo never came back. */
  lost: number;
  churn: ChurnStats;
}

/**
 * A fixed-rate load: `connections` sockets share `ratePerSecond` messages,
 * each stamped with its send time (performance.now(), float64 at offset 0)
 * and timed when its echo returns; short-lived churn connections run beside.
 */
export async function runEchoLoad(options: EchoLoadOptions): Promise<EchoLoadResult> {
  const sockets = await Promise.all(
    Array.from(
      { length: options.connections },
      () =>
        new Promise<WebSocket>((resolve, reject) => {
          const ws = new WebSocket(options.url, { perMessageDeflate: false });
          ws.once("open", () => resolve(ws));
          ws.once("error", reject);
        }),
    ),
  );

  let windowStart = Number.POSITIVE_INFINITY;
  let windowEnd = Number.POSITIVE_INFINITY;
  let sentInWindow = 0;
  let echoesInWindow = 0;
  let echoedFromWindow = 0;
  const latencies = new Samples();
  for (const ws of sockets) {
    ws.on("message", (data: Buffer) => {
      const now = performance.now();
      const sentAt = data.readDoubleLE(0);
      if (now >= windowStart && now < windowEnd) echoesInWindow++;
      if (sentAt >= windowStart && sentAt < windowEnd) {
        echoedFromWindow++;
        latencies.push(now - sentAt);
      }
    });
  }

  const t0 = performance.now();
  let sent = 0;
  const sendTimer = setInterval(() => {
    const due = Math.floor(((performance.now() - t0) * options.ratePerSecond) / 1000);
    while (sent < due) {
      const message = Buffer.allocUnsafe(options.messageBytes);
      const now = performance.now();
      message.writeDoubleLE(now, 0);
      sockets[sent % sockets.length]!.send(message);
      if (now >= windowStart && now < windowEnd) sentInWindow++;
      sent++;
    }
  }, 1);
  const churn = new Churn(options.url, options.churnPerSecond, [20, 200]);
  churn.start();

  await sleep(options.warmupMs);
  await options.onWindowStart();
  windowStart = performance.now();
  await sleep(options.durationMs);
  windowEnd = performance.now();
  const windowMs = windowEnd - windowStart;
  clearInterval(sendTimer);
  await options.onWindowEnd();
  const churnStats = await churn.stop();

  // Let the echoes of the window's last messages come back.
  const deadline = Date.now() + 2000;
  while (echoedFromWindow < sentInWindow && Date.now() < deadline) await sleep(10);
  await Promise.all(
    sockets.map(
      (ws) =>
        new Promise<void>((resolve) => {
          ws.once("close", () => resolve());
          ws.close(1000, "bench done");
        }),
    ),
  );

  const [p50, p99, max] = percentiles(latencies.values(), [50, 99, 100]);
  return {
    sentPerSecond: (sentInWindow * 1000) / windowMs,
    echoesPerSecond: (echoesInWindow * 1000) / windowMs,
    p50Ms: p50!,
    p99Ms: p99!,
    maxMs: max!,
    echoedInWindow: echoedFromWindow,
    windowMs,
    lost: sentInWindow - echoedFromWindow,
    churn: churnStats,
  };
}
