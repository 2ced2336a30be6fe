import { randomUUID } from "node:crypto";
import pg from "pg";
import { generateEvent } from "./events-generate.js";
import { cpuSeconds } from "./ingest-proc.js";

/*
 * What PostgreSQL spends, per event, to tell other replicas about new events
 * with LISTEN/NOTIFY, in the two ways the live fan-out could: the events
 * themselves (their JSON, in payloads under the 8000-byte limit) or their ids
 * (200 per payload, what the collector does). Measured on the server's own
 * processes (/proc: the bench runs on PostgreSQL's host): the backend that
 * NOTIFYs, and each LISTENing backend, which reads every notification from
 * the queue and sends it to its client. The collector's NOTIFY of ids runs
 * inside its ingest statement; here each way runs in statements of its own,
 * the same for both.
 */

export interface NotifyCost {
  events: number;
  notifications: number;
  /** µs of CPU per event in the notifying backend. */
  senderMicros: number;
  /** µs of CPU per event in each listening backend (mean of the listeners). */
  listenerMicros: number;
}

const PAYLOAD_LIMIT = 7900;
const NOTIFICATIONS_PER_STATEMENT = 40;

/** Payloads of `sender` + ids or event JSON, as large as the limit allows. */
function payloads(kind: "ids" | "events", events: number): { payloads: string[]; events: number } {
  const out: string[] = [];
  let current = "";
  let counted = 0;
  for (let i = 0; i < events; i++) {
    const id = randomUUID();
    const item = kind === "ids" ? id : JSON.stringify(generateEvent(id, new Date().toISOString()));
    if (current && current.length + 1 + item.length > PAYLOAD_LIMIT) {
      out.push(current);
      current = "";
    }
    current = current ? `${current},${item}` : `abcdefgh ${item}`;
    counted++;
  }
  if (current) out.push(current);
  return { payloads: out, events: counted };
}

async function backendPid(client: pg.Client): Promise<number> {
  return (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
}

/** NOTIFYs `events` events' worth of payloads of `kind` on `url`, with `listeners` sessions listening; returns the server CPU per event. */
export async function measureNotifyCost(url: string, kind: "ids" | "events", events: number, listeners = 2): Promise<NotifyCost> {
  const channel = `closewatch_bench_${kind}`;
  const { payloads: all, events: counted } = payloads(kind, events);
  const sender = new pg.Client({ connectionString: url });
  const listening: pg.Client[] = [];
  try {
    await sender.connect();
    let received = 0;
    for (let i = 0; i < listeners; i++) {
      const client = new pg.Client({ connectionString: url });
      listening.push(client);
      await client.connect();
      await client.query(`LISTEN ${channel}`);
      client.on("notification", () => received++);
    }
    const pids = [await backendPid(sender), ...(await Promise.all(listening.map(backendPid)))];
    const before = pids.map((pid) => cpuSeconds(pid) ?? 0);
    for (let i = 0; i < all.length; i += NOTIFICATIONS_PER_STATEMENT) {
      await sender.query("SELECT count(pg_notify($1, p)) FROM unnest($2::text[]) p", [channel, all.slice(i, i + NOTIFICATIONS_PER_STATEMENT)]);
    }
    const deadline = Date.now() + 60_000;
    while (received < all.length * listeners && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    if (received < all.length * listeners) throw new Error(`only ${received} of ${all.length * listeners} notifications arrived`);
    const used = pids.map((pid, i) => (cpuSeconds(pid) ?? before[i]!) - before[i]!);
    const perEvent = (seconds: number) => (seconds * 1e6) / counted;
    return {
      events: counted,
      notifications: all.length,
      senderMicros: perEvent(used[0]!),
      listenerMicros: perEvent(used.slice(1).reduce((a, b) => a + b, 0) / listeners),
    };
  } finally {
    await Promise.all([sender, ...listening].map((c) => c.end().catch(() => {})));
  }
}
