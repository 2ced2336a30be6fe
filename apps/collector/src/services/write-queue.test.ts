import type { StoredEvent } from "@closewatch/protocol";
import { describe, expect, it } from "vitest";
import { CollectorError } from "../errors.js";
import { WriteQueue } from "./write-queue.js";

const row = (id: string) => ({ id }) as StoredEvent;
const rows = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => row(`${prefix}${i}`));

/** A write function whose statements finish when the test says so. */
function controlledWriter() {
  const calls: Array<{ ids: string[]; finish: (error?: Error) => void }> = [];
  const write = (batch: readonly StoredEvent[]) =>
    new Promise<Set<string>>((resolve, reject) => {
      const ids = batch.map((r) => r.id);
      calls.push({ ids, finish: (error) => (error ? reject(error) : resolve(new Set(ids))) });
    });
  return { calls, write };
}

describe("WriteQueue", () => {
  it("writes what queued up during a statement as one group commit", async () => {
    const { calls, write } = controlledWriter();
    const queue = new WriteQueue(write, { maxQueuedEvents: 100, maxEventsPerCommit: 100 });
    const first = queue.submit(rows("a", 2));
    const second = queue.submit(rows("b", 3));
    const third = queue.submit(rows("c", 1));
    expect(calls.map((c) => c.ids.length)).toEqual([2]); // the first request goes at once
    calls[0]!.finish();
    await first;
    await Promise.resolve();
    expect(calls.map((c) => c.ids.length)).toEqual([2, 4]); // the next two share one statement
    calls[1]!.finish();
    expect([...(await second)]).toContain("c0");
    expect(await third).toBe(await second);
    expect(queue.depth).toBe(0);
  });

  it("keeps a commit under the size cap but never splits a request", async () => {
    const { calls, write } = controlledWriter();
    const queue = new WriteQueue(write, { maxQueuedEvents: 100, maxEventsPerCommit: 5 });
    void queue.submit(rows("a", 1));
    void queue.submit(rows("b", 4));
    void queue.submit(rows("c", 4));
    void queue.submit(rows("d", 7));
    for (let i = 0; i < 4; i++) {
      calls[i]?.finish();
      await new Promise((r) => setTimeout(r, 0));
    }
    expect(calls.map((c) => c.ids.length)).toEqual([1, 4, 4, 7]);
  });

  it("refuses work beyond its bound instead of growing", async () => {
    const { calls, write } = controlledWriter();
    const queue = new WriteQueue(write, { maxQueuedEvents: 5, maxEventsPerCommit: 5 });
    const accepted = queue.submit(rows("a", 4));
    await expect(queue.submit(rows("b", 2))).rejects.toSatisfy((e) => e instanceof CollectorError && e.code === "QUEUE_FULL");
    calls[0]!.finish();
    await accepted;
    const afterDrain = queue.submit(rows("c", 5));
    await new Promise((r) => setTimeout(r, 0)); // the writer slot frees a tick after the request resolves
    calls[1]!.finish();
    await expect(afterDrain).resolves.toEqual(new Set(["c0", "c1", "c2", "c3", "c4"]));
  });

  it("fails every request of a failed statement, and goes on with the next", async () => {
    const { calls, write } = controlledWriter();
    const queue = new WriteQueue(write, { maxQueuedEvents: 100, maxEventsPerCommit: 100 });
    const doomed = queue.submit(rows("a", 1));
    calls[0]!.finish(new Error("connection terminated"));
    await expect(doomed).rejects.toThrow("connection terminated");
    const next = queue.submit(rows("b", 1));
    calls[1]!.finish();
    await expect(next).resolves.toEqual(new Set(["b0"]));
  });

  it("reports idle once everything submitted is written", async () => {
    const { calls, write } = controlledWriter();
    const queue = new WriteQueue(write, { maxQueuedEvents: 100, maxEventsPerCommit: 100 });
    void queue.submit(rows("a", 1));
    let idle = false;
    void queue.idle().then(() => (idle = true));
    await new Promise((r) => setTimeout(r, 0));
    expect(idle).toBe(false);
    calls[0]!.finish();
    await new Promise((r) => setTimeout(r, 0));
    expect(idle).toBe(true);
  });
});

describe("WriteQueue with two writers", () => {
  it("runs two statements at once and groups what waits behind them", async () => {
    const { calls, write } = controlledWriter();
    const queue = new WriteQueue(write, { maxQueuedEvents: 100, maxEventsPerCommit: 100, maxConcurrentWrites: 2 });
    void queue.submit(rows("a", 1));
    void queue.submit(rows("b", 1));
    void queue.submit(rows("c", 1));
    void queue.submit(rows("d", 1));
    expect(calls.map((c) => c.ids)).toEqual([["a0"], ["b0"]]);
    calls[1]!.finish();
    await new Promise((r) => setTimeout(r, 0));
    expect(calls.map((c) => c.ids)).toEqual([["a0"], ["b0"], ["c0", "d0"]]);
    calls[0]!.finish();
    calls[2]!.finish();
    await queue.idle();
    expect(queue.depth).toBe(0);
  });
});
