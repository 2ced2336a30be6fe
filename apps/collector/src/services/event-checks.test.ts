import type { IngestEvent } from "@closewatch/protocol";
import { describe, expect, it } from "vitest";
import { MAX_ERRORS_PER_EVENT, partitionEvents } from "./event-checks.js";

const event = (occurredAt: string) => ({ id: "x", occurredAt }) as unknown as IngestEvent;

describe("partitionEvents", () => {
  it("splits by the schema check, keeping indexes and prefixing paths", () => {
    const check = (e: unknown) => ((e as { ok?: boolean }).ok ? [] : [{ instancePath: "/code", message: "must be >= 1000" }]);
    const a = { ok: true, occurredAt: "2024-01-01T00:00:00Z" };
    const { valid, rejected } = partitionEvents([a, { ok: false }, a], check);
    expect(valid).toHaveLength(2);
    expect(rejected).toEqual([{ index: 1, errors: [{ path: "body/events/1/code", message: "must be >= 1000" }] }]);
  });

  it.each(["2016-12-31T23:59:60Z", "0000-01-01T00:00:00Z", "0001-01-01T00:30:00+01:00", "9999-12-31T23:30:00-01:00"])(
    "refuses occurredAt %s, which passes date-time but cannot be stored",
    (occurredAt) => {
      const { valid, rejected } = partitionEvents([event(occurredAt)], () => []);
      expect(valid).toEqual([]);
      expect(rejected[0]!.errors).toEqual([{ path: "body/events/0/occurredAt", message: expect.stringMatching(/^must be an instant from 0001/) }]);
    },
  );

  it.each(["0001-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "9999-12-31T23:59:59.999Z", "2024-06-01T12:00:00+05:30"])("accepts occurredAt %s", (occurredAt) => {
    expect(partitionEvents([event(occurredAt)], () => []).valid).toHaveLength(1);
  });

  it(`lists at most ${MAX_ERRORS_PER_EVENT} problems per event`, () => {
    const many = Array.from({ length: 50 }, (_, i) => ({ instancePath: `/f${i}`, message: "bad" }));
    expect(partitionEvents([{}], () => many).rejected[0]!.errors).toHaveLength(MAX_ERRORS_PER_EVENT);
  });
});
