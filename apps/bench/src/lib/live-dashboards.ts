import type { LiveMessage } from "@closewatch/protocol";
import WebSocket from "ws";
import { childArgs, serveParent } from "./load-child.js";
import { type CollectParams, type CollectReply, type DashboardsArgs, MEASURED_PREFIX } from "./live-protocol.js";
import { sleep, wallNow } from "./load-stats.js";

// N dashboards on the collector's /api/live, in their own process so that
// receiving N copies does not run on the collector's event loop. Each message
// is timed as its handler starts, before any parsing.
const args = childArgs<DashboardsArgs>();

/** reason → arrival time per dashboard. */
const arrivals = new Map<string, Float64Array>();
let messages = 0;
/** The "events" payloads the first dashboard received since the last reset. */
let payloads: string[] = [];
let closedByCollector = 0;
let stopping = false;

// Every dashboard receives the same payload: parse it once (the last few are kept).
const parsed = new Map<string, string[]>();
function measuredReasons(text: string): string[] {
  let reasons = parsed.get(text);
  if (reasons) return reasons;
  const message = JSON.parse(text) as LiveMessage;
  reasons = message.type === "events" ? message.events.map((e) => e.reason).filter((r) => r.startsWith(MEASURED_PREFIX)) : [];
  parsed.set(text, reasons);
  if (parsed.size > 16) parsed.delete(parsed.keys().next().value!);
  return reasons;
}

const sockets = await Promise.all(
  Array.from(
    { length: args.count },
    (_, index) =>
      new Promise<WebSocket>((resolve, reject) => {
        const ws = new WebSocket(args.url);
        ws.once("error", reject);
        ws.on("close", () => {
          if (!stopping) closedByCollector++;
        });
        ws.on("message", (data) => {
          const at = wallNow();
          const text = String(data);
          if (text.startsWith('{"type":"hello"')) {
            resolve(ws);
            return;
          }
          if (index === 0) {
            messages++;
            payloads.push(text);
          }
          for (const reason of measuredReasons(text)) {
            let times = arrivals.get(reason);
            if (!times) arrivals.set(reason, (times = new Float64Array(args.count).fill(Number.NaN)));
            if (Number.isNaN(times[index]!)) times[index] = at;
          }
        });
      }),
  ),
);

async function collect({ reasons, timeoutMs }: CollectParams): Promise<CollectReply> {
  const complete = () => reasons.every((r) => arrivals.get(r)?.every((t) => !Number.isNaN(t)));
  const deadline = Date.now() + timeoutMs;
  while (!complete() && Date.now() < deadline) await sleep(20);
  return {
    arrivals: reasons.map((r) => [r, arrivals.get(r) ?? new Float64Array(args.count).fill(Number.NaN)]),
    messages,
    medianPayload: payloads.sort((a, b) => a.length - b.length)[payloads.length >> 1] ?? "",
    closedByCollector,
  };
}

serveParent(
  {
    collect: (p) => collect(p as CollectParams),
    reset() {
      arrivals.clear();
      messages = 0;
      payloads = [];
    },
    stop() {
      stopping = true;
      for (const ws of sockets) ws.close(1000, "bench done");
    },
  },
  { count: sockets.length },
);
