import http from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { BatchTemplate } from "./events-generate.js";
import type { ChildMessage, LoadConfig, LoadStats, ParentMessage } from "./ingest-load-protocol.js";

// The ingest load process: forked by the ingest scenario so that building
// and sending batches never shares an event loop with the collector or with
// the process that measures. It pre-generates batch bodies, waits for "go",
// then sends for warm-up + duration and reports what was acknowledged.

const send = (message: ChildMessage) => process.send?.(message);

interface Reply {
  status: number;
  body: string;
  retryAfter: string | undefined;
}

function post(agent: http.Agent, url: URL, body: Buffer): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: "POST", agent, headers: { "content-type": "application/json", "content-length": body.length } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), retryAfter: res.headers["retry-after"] }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** Retry-After is seconds or an HTTP date. */
function retryDelayMs(header: string | undefined, max: number): number {
  if (!header) return Math.min(100, max);
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : new Date(header).getTime() - Date.now();
  return Math.min(Math.max(Number.isFinite(ms) ? ms : 100, 10), max);
}

async function run(config: LoadConfig, go: Promise<void>): Promise<LoadStats> {
  const templates = Array.from({ length: config.templates }, () => new BatchTemplate(config.batchSize));
  const bodyBytes = templates[0]!.bytes;
  send({ type: "ready", bodyBytes });
  await go;

  const targets = (config.urls?.length ? config.urls : [config.url]).map((base) => new URL("/v1/events", base));
  let nextTarget = 0;
  const agent = new http.Agent({ keepAlive: true, maxSockets: config.concurrency });
  const stats: LoadStats = {
    batches: 0,
    eventsSent: 0,
    eventsAccepted: 0,
    duplicates: 0,
    retries503: 0,
    errors: 0,
    errorSamples: [],
    measured: { startedAt: 0, endedAt: 0, batches: 0, eventsAccepted: 0, latenciesMs: [] },
    bodyBytes,
  };
  const start = performance.now();
  const measureAt = start + config.warmupMs;
  const endAt = measureAt + config.durationMs;
  let measureAnnounced = false;
  const announceMeasure = () => {
    if (measureAnnounced) return;
    measureAnnounced = true;
    stats.measured.startedAt = Date.now();
    send({ type: "phase", phase: "measure", at: stats.measured.startedAt });
  };
  let endAnnounced = false;
  const announceEnd = () => {
    if (endAnnounced) return;
    endAnnounced = true;
    announceMeasure();
    stats.measured.endedAt = Date.now();
    send({ type: "phase", phase: "end", at: stats.measured.endedAt });
  };
  // The window is announced on time, whatever is in flight, so the scenario can count rows in the database then.
  const measureTimer = setTimeout(announceMeasure, Math.max(0, config.warmupMs));
  const endTimer = setTimeout(announceEnd, config.warmupMs + config.durationMs);
  let next = 0;
  const limitReached = () => config.maxEvents !== undefined && stats.eventsSent >= config.maxEvents;
  const error = (text: string) => {
    stats.errors++;
    if (stats.errorSamples.length < 5) stats.errorSamples.push(text);
  };

  /** Sends one batch until it is acknowledged (503s retried), `due` being when it should have gone out. */
  async function deliver(due: number): Promise<void> {
    const body = templates[next++ % templates.length]!.render();
    stats.batches++;
    stats.eventsSent += config.batchSize;
    for (let attempt = 0; ; attempt++) {
      let reply: Reply;
      try {
        reply = await post(agent, targets[nextTarget++ % targets.length]!, body);
      } catch (e) {
        error(`network: ${(e as Error).message}`);
        if (attempt >= 3) return;
        await sleep(100);
        continue;
      }
      if (reply.status === 503) {
        stats.retries503++;
        await sleep(retryDelayMs(reply.retryAfter, config.maxRetryAfterMs));
        continue;
      }
      if (reply.status !== 202) {
        error(`HTTP ${reply.status}: ${reply.body.slice(0, 300)}`);
        return;
      }
      const { accepted, duplicates } = JSON.parse(reply.body) as { accepted: number; duplicates: number };
      stats.eventsAccepted += accepted;
      stats.duplicates += duplicates;
      if (due >= measureAt && due < endAt) {
        stats.measured.batches++;
        stats.measured.eventsAccepted += accepted;
        stats.measured.latenciesMs.push(performance.now() - due);
      }
      return;
    }
  }

  if (config.mode === "max") {
    const worker = async () => {
      while (performance.now() < endAt && !limitReached()) await deliver(performance.now());
    };
    await Promise.all(Array.from({ length: config.concurrency }, worker));
  } else {
    const rate = config.eventsPerSecond;
    if (!rate || rate <= 0) throw new Error("rate mode needs eventsPerSecond");
    const intervalMs = (config.batchSize / rate) * 1000;
    const inFlight = new Set<Promise<void>>();
    const waiting: number[] = [];
    const pump = () => {
      while (waiting.length > 0 && inFlight.size < config.concurrency) {
        const p = deliver(waiting.shift()!);
        inFlight.add(p);
        void p.finally(() => {
          inFlight.delete(p);
          pump();
        });
      }
    };
    for (let i = 0; ; i++) {
      const due = start + i * intervalMs;
      if (due >= endAt || limitReached()) break;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      waiting.push(due);
      pump();
    }
    while (waiting.length > 0 || inFlight.size > 0) await Promise.race([...inFlight, sleep(5)]);
  }
  clearTimeout(measureTimer);
  clearTimeout(endTimer);
  // Stopped early (maxEvents): the window ends now.
  announceEnd();
  agent.destroy();
  return stats;
}

let resolveGo: () => void = () => {};
const go = new Promise<void>((resolve) => (resolveGo = resolve));
process.on("message", (message: ParentMessage) => {
  if (message.type === "go") resolveGo();
  if (message.type === "config") {
    run(message.config, go).then(
      (stats) => {
        send({ type: "result", stats });
        process.disconnect?.();
      },
      (e: unknown) => {
        send({ type: "failed", message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
        process.disconnect?.();
      },
    );
  }
});
