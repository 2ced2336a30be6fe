import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestCollector, makeEvent, type TestCollector } from "./support/engines.js";

// Bounds on what one event may carry, end to end through the real route (PGlite).
describe("ingest bounds", () => {
  let c: TestCollector;
  beforeAll(async () => {
    c = await createTestCollector("PGlite");
  });
  afterAll(async () => {
    await c?.close();
  });

  const post = (events: unknown[]) => c.app.inject({ method: "POST", url: "/v1/events", payload: { events } });

  it("takes a reason of 123 UTF-8 bytes and refuses 124, however few the characters", async () => {
    const fits = makeEvent({ reason: "😀".repeat(30) + "abc" }); // 123 bytes, 63 UTF-16 units
    const over = makeEvent({ reason: "😀".repeat(31) }); // 124 bytes
    const res = await post([fits, over]);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ accepted: 1, rejected: [{ index: 1, errors: [{ path: "body/events/1/reason" }] }] });
  });

  it("refuses over-long service, instance and route labels one event at a time", async () => {
    const res = await post([
      makeEvent({ service: "s".repeat(101) }),
      makeEvent({ instance: "i".repeat(201) }),
      makeEvent({ route: "r".repeat(201) }),
      makeEvent({ service: "s".repeat(100), instance: "i".repeat(200), route: "r".repeat(200) }),
    ]);
    expect(res.statusCode).toBe(202);
    const body = res.json();
    expect(body.accepted).toBe(1);
    expect(body.rejected.map((r: { errors: { path: string }[] }) => r.errors[0]!.path)).toEqual([
      "body/events/0/service",
      "body/events/1/instance",
      "body/events/2/route",
    ]);
  });
});

describe("a gzip bomb over real HTTP", () => {
  it("is answered 413 once the inflated bytes pass the limit, without inflating the rest (1 GiB from 1 MiB)", async () => {
    const { gzipSync } = await import("node:zlib");
    const c = await createTestCollector("PGlite");
    try {
      const base = await c.app.listen({ port: 0, host: "127.0.0.1" });
      // 64 gzip members of 16 MiB of spaces each: ~1 MiB on the wire, 1 GiB inflated (gunzip reads concatenated members).
      const member = gzipSync(Buffer.alloc(16 * 1024 * 1024, 0x20));
      const bomb = Buffer.concat(Array.from({ length: 64 }, () => member));
      expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
      global.gc?.();
      const before = process.memoryUsage();
      let peak = before.rss;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
      const started = Date.now();
      const res = await fetch(`${base}/v1/events`, {
        method: "POST",
        headers: { "content-type": "application/json", "content-encoding": "gzip" },
        body: bomb,
      });
      clearInterval(sampler);
      expect(res.status).toBe(413);
      expect(((await res.json()) as { code: string }).code).toBe("COLLECTOR_ERR_BODY_TOO_LARGE");
      // The limit is 5 MiB: buffering the whole inflated body would take 1 GiB.
      const figures = { compressedBytes: bomb.length, inflatedBytes: 1024 ** 3, peakRssGrowthBytes: peak - before.rss, answeredInMs: Date.now() - started };
      const { mkdir, writeFile } = await import("node:fs/promises");
      const dir = new URL("../../../test-results/", import.meta.url);
      await mkdir(dir, { recursive: true });
      await writeFile(new URL("gzip-bomb.json", dir), `${JSON.stringify(figures, null, 2)}\n`);
      expect(figures.peakRssGrowthBytes).toBeLessThan(256 * 1024 * 1024);
      expect(figures.answeredInMs).toBeLessThan(10_000);
    } finally {
      await c.close();
    }
  }, 60_000);
});
