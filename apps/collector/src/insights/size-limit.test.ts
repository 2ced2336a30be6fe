import { describe, expect, it } from "vitest";
import type { SizeRow } from "./rows.js";
import { analyzeSizeLimit } from "./size-limit.js";

const MiB = 1024 * 1024;

/** Deterministic pseudo-random sizes (a fixed LCG) so the test is repeatable. */
function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function rowsAround(limit: number, count: number, spread: [number, number], extra: Partial<SizeRow> = {}): SizeRow[] {
  const random = lcg(42);
  return Array.from({ length: count }, () => ({
    service: "chat-api",
    route: "/upload",
    cause: "message_too_big",
    messageSize: Math.round(limit * (spread[0] + random() * (spread[1] - spread[0]))),
    sizeLimit: limit,
    direction: "inbound",
    deflate: false,
    ...extra,
  }));
}

const fact = (insight: { facts: { key: string; value: number }[] }, key: string) => insight.facts.find((f) => f.key === key)?.value;

describe("analyzeSizeLimit", () => {
  const rows = rowsAround(MiB, 1000, [1.1, 1.4]);
  const insight = analyzeSizeLimit("message_too_big", rows, 1000, 4000)!;

  it("recommends limits that really admit the stated share of rejected sizes", () => {
    const sizes = rows.map((r) => r.messageSize!);
    const admitted = (limit: number) => sizes.filter((s) => s <= limit).length / sizes.length;
    expect(admitted(fact(insight, "admit90")!)).toBeGreaterThanOrEqual(0.9);
    expect(admitted(fact(insight, "admit99")!)).toBeGreaterThanOrEqual(0.99);
    // …and are not wastefully large: within one 1/8-MiB step of the true percentile.
    expect(fact(insight, "admit99")!).toBeLessThanOrEqual(1.4 * MiB + MiB / 8);
  });

  it("states the size band against the limit in its summary", () => {
    expect(insight.summary).toMatch(/^90% of rejected messages were 1\.1\d? MiB–1\.3\d? MiB against a 1 MiB limit/);
    expect(fact(insight, "limit")).toBe(MiB);
    expect(insight.histogram?.marker).toEqual({ label: "limit 1 MiB", value: MiB });
    expect(insight.histogram!.buckets.reduce((n, b) => n + b.count, 0)).toBe(1000);
  });

  it("names the setting and says compression will not help", () => {
    expect(insight.fixSteps.join("\n")).toMatch(/`maxPayload`/);
    expect(insight.fixSteps.join("\n")).toMatch(/would not help/);
    expect(insight).toMatchObject({ severity: "critical", code: 1009, places: [{ service: "chat-api", route: "/upload", count: 1000 }] });
  });

  it("reports clients rejecting the server's messages", () => {
    const mixed = [...rowsAround(MiB, 30, [1.1, 1.2]), ...rowsAround(64 * 1024, 10, [2, 3], { direction: "outbound", sizeLimit: null })];
    const out = analyzeSizeLimit("message_too_big", mixed, 40, 100)!;
    expect(fact(out, "outboundShare")).toBe(25);
    expect(out.fixSteps.some((s) => s.includes("rejected by the client"))).toBe(true);
  });

  it("works without sizes", () => {
    const noSizes = rowsAround(MiB, 3, [1, 1]).map((r) => ({ ...r, messageSize: null }));
    const out = analyzeSizeLimit("message_too_big", noSizes, 3, 100)!;
    expect(out.summary).toMatch(/could not see the attempted sizes/);
    expect(out.histogram).toBeUndefined();
    expect(out.severity).toBe("info");
  });
});

it("says one size once when all rejected messages had it", () => {
  const rows: SizeRow[] = Array.from({ length: 3 }, () => ({
    service: "s", route: null, cause: "message_too_big", messageSize: 4096, sizeLimit: 2048, direction: "inbound", deflate: false,
  }));
  expect(analyzeSizeLimit("message_too_big", rows, 3, 7)!.summary).toMatch(/^90% of rejected messages were 4 KiB against a 2 KiB limit/);
});
