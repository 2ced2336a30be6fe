import type { LiveMessage, StoredEvent } from "@closewatch/protocol";
import WebSocket from "ws";

/** A dashboard on /api/live that records every event it is pushed, for fan-out tests. */
export interface LiveClient {
  /** Every event received, in arrival order (a duplicate would appear twice). */
  readonly events: StoredEvent[];
  /** "events" messages received. */
  readonly messages: number;
  /** How many times each id arrived. */
  count(id: string): number;
  /** Resolves once every id has arrived (at least once); rejects after `timeoutMs`. */
  waitFor(ids: readonly string[], timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** Connects to `${baseUrl}/api/live` (http or ws URL) and resolves once the collector's hello arrived. */
export async function connectLiveClient(baseUrl: string): Promise<LiveClient> {
  const socket = new WebSocket(`${baseUrl.replace(/^http/, "ws")}/api/live`);
  const events: StoredEvent[] = [];
  const counts = new Map<string, number>();
  let messages = 0;
  const waiters = new Set<() => void>();
  socket.on("message", (data) => {
    const message = JSON.parse(String(data)) as LiveMessage;
    if (message.type !== "events") return;
    messages++;
    for (const event of message.events) {
      events.push(event);
      counts.set(event.id, (counts.get(event.id) ?? 0) + 1);
    }
    for (const wake of waiters) wake();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.once("message", () => resolve());
  });
  return {
    events,
    get messages() {
      return messages;
    },
    count: (id) => counts.get(id) ?? 0,
    waitFor(ids, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!ids.every((id) => counts.has(id))) return;
          cleanup();
          resolve();
        };
        const timer = setTimeout(() => {
          cleanup();
          const missing = ids.filter((id) => !counts.has(id));
          reject(new Error(`${missing.length} of ${ids.length} events did not arrive on the live feed within ${timeoutMs} ms`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    async close() {
      if (socket.readyState === socket.CLOSED) return;
      const closed = new Promise((resolve) => socket.once("close", resolve));
      socket.close(1000, "test done");
      await closed;
    },
  };
}
