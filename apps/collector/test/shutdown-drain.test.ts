import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "@closewatch/db";
import type { IngestEvent } from "@closewatch/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { type CollectorProcess, startCollectorProcess } from "./support/collector-process.js";
import { createTestCollector, makeEvent } from "./support/engines.js";

const RESULTS = join(import.meta.dirname, "../../../test-results");

type Answer = { accepted?: number; code?: string; error?: string };

// The real collector process (dist/main.js) on PGlite: SIGTERM while ingest
// requests are in flight must finish them, close the database cleanly and
// exit 0, so that everything acknowledged is on disk when it is opened again.
describe("SIGTERM while ingest requests are in flight", () => {
  const cleanup: Array<() => Promise<void>> = [];
  /** One data dir for both tests: creating a PGlite cluster is most of a start (seconds on a busy machine). */
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "closewatch-drain-"));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
  });
  afterAll(async () => {
    for (const fn of cleanup.reverse()) await fn();
  });

  it("answers every request it had, stores every acknowledged event, closes live sockets with 1001 and exits 0", { timeout: 120_000 }, async () => {
    // One request per group commit, so each 202 after the first comes from a write that started after SIGTERM.
    const collector: CollectorProcess = await startCollectorProcess(dir, { CLOSEWATCH_COMMIT_EVENTS: "5000" });
    cleanup.push(() => collector.kill());

    const live = new WebSocket(`${collector.url.replace("http", "ws")}/api/live`);
    const liveClosed = new Promise<number>((resolve) => live.once("close", (code) => resolve(code)));
    await new Promise((resolve, reject) => live.once("open", resolve).once("error", reject));

    // 8 batches of 5,000 events, serialised up front so they all reach the collector at once;
    // the writes are still queued when the first 202 arrives.
    const batches: IngestEvent[][] = Array.from({ length: 8 }, () => Array.from({ length: 5000 }, () => makeEvent()));
    const bodies = batches.map((events) => JSON.stringify({ events }));
    let signalled = false;
    const results = await Promise.all(
      batches.map(async (events, i) => {
        try {
          const res = await fetch(`${collector.url}/v1/events`, { method: "POST", headers: { "content-type": "application/json" }, body: bodies[i] });
          const body = (await res.json()) as Answer;
          const afterSignal = signalled;
          if (res.status === 202 && !signalled) {
            signalled = true;
            collector.child.kill("SIGTERM");
          }
          return { events, status: res.status, body, afterSignal, retryAfter: res.headers.get("retry-after") };
        } catch (error) {
          return { events, status: 0, body: { error: String(error) } as Answer, afterSignal: true, retryAfter: null };
        }
      }),
    );
    expect(signalled, "no batch was acknowledged").toBe(true);

    const exitCode = await collector.exited;
    expect(exitCode, collector.output()).toBe(0);
    expect(await liveClosed).toBe(1001);

    const acked = results.filter((r) => r.status === 202);
    const ackedAfterSignal = acked.filter((r) => r.afterSignal).length;
    // Whatever was not acknowledged was refused properly (503 with Retry-After) or never reached a handler.
    for (const r of results.filter((r) => r.status !== 202)) {
      expect([0, 503], JSON.stringify(r.body)).toContain(r.status);
      if (r.status === 503) {
        expect(r.body.code).toBe("COLLECTOR_ERR_UNAVAILABLE");
        expect(r.retryAfter).not.toBeNull();
      }
    }
    // The point of the test: requests the collector already had when SIGTERM came were finished, not dropped.
    expect(ackedAfterSignal, JSON.stringify(results.map((r) => r.status))).toBeGreaterThan(0);
    expect(acked.reduce((sum, r) => sum + (r.body.accepted ?? 0), 0)).toBe(acked.length * 5000);

    const db = await openDatabase({ dataDir: join(dir, "pglite") });
    try {
      const ids = acked.flatMap((r) => r.events.map((e) => e.id));
      const rows = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM close_events WHERE id = ANY($1::uuid[])", [ids]);
      expect(rows[0]!.n).toBe(ids.length);
    } finally {
      await db.close();
    }
    await mkdir(RESULTS, { recursive: true });
    await writeFile(
      join(RESULTS, "shutdown-drain.json"),
      `${JSON.stringify({ batches: results.length, acknowledged: acked.length, acknowledgedAfterSigterm: ackedAfterSignal, statuses: results.map((r) => r.status), exitCode }, null, 2)}\n`,
    );
  });

  it("does not let a client that never finishes its request hold the shutdown past CLOSEWATCH_SHUTDOWN_TIMEOUT_S", { timeout: 60_000 }, async () => {
    const collector = await startCollectorProcess(dir, { CLOSEWATCH_SHUTDOWN_TIMEOUT_S: "2" });
    cleanup.push(() => collector.kill());

    // Headers and half a body, then silence: the request never reaches a handler.
    const slow = connect(Number(new URL(collector.url).port), "127.0.0.1");
    const slowClosed = new Promise<void>((resolve) => slow.once("close", () => resolve()));
    slow.on("error", () => {});
    await new Promise((resolve) => slow.once("connect", resolve));
    slow.write("POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"events\":[");

    const events = [makeEvent(), makeEvent()];
    const res = await fetch(`${collector.url}/v1/events`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ events }) });
    expect(res.status).toBe(202);

    const started = Date.now();
    collector.child.kill("SIGTERM");
    const exitCode = await Promise.race([collector.exited, new Promise((resolve) => setTimeout(() => resolve("still running after 15 s"), 15_000))]);
    const took = Date.now() - started;
    expect(exitCode, collector.output()).toBe(0);
    expect(took).toBeGreaterThanOrEqual(1900);
    await slowClosed;
    expect(collector.output()).toMatch(/shutdown deadline passed/);

    const db = await openDatabase({ dataDir: join(dir, "pglite") });
    try {
      const rows = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM close_events WHERE id = ANY($1::uuid[])", [events.map((e) => e.id)]);
      expect(rows[0]!.n).toBe(2);
    } finally {
      await db.close();
    }
  });

  it("in process: finishes a request in flight when the close begins and answers one that arrives after it with 503 problem+json", async () => {
    const c = await createTestCollector("PGlite");
    cleanup.push(async () => {
      await c.app.close();
      await c.db.close();
    });
    const port = Number(new URL(await c.app.listen({ port: 0, host: "127.0.0.1" })).port);
    const socket = connect(port, "127.0.0.1");
    await new Promise((resolve) => socket.once("connect", resolve));
    let received = "";
    socket.on("data", (chunk: Buffer) => {
      received += chunk.toString("utf8");
    });
    const socketClosed = new Promise((resolve) => socket.once("close", resolve));

    // Half a POST, then the close begins, then the rest of it and a second request on the same connection.
    const event = makeEvent();
    const body = JSON.stringify({ events: [event] });
    const half = Math.floor(body.length / 2);
    socket.write(`POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, half)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const closed = c.app.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    socket.write(`${body.slice(half)}GET /api/codes HTTP/1.1\r\nHost: x\r\n\r\n`);
    await socketClosed;
    await closed;

    const answers = received.split(/(?=HTTP\/1\.1 )/);
    expect(answers.map((a) => a.slice(0, 12))).toEqual(["HTTP/1.1 202", "HTTP/1.1 503"]);
    const refused = answers[1]!;
    expect(refused).toMatch(/^content-type: application\/problem\+json/im);
    expect(refused).toMatch(/^retry-after: \d+/im);
    expect(refused).toMatch(/^connection: close/im);
    expect(refused).toContain('"code":"COLLECTOR_ERR_UNAVAILABLE"');
    expect(await c.db.prisma.closeEvent.count({ where: { id: event.id } })).toBe(1);
  });
});
