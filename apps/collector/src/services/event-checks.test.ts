import type { IngestEvent } from "@closewatch/protocol";
import { describe, expect, it } from "vitest";
import { MAX_ERRORS_PER_EVENT, partitionEvents } from "./event-checks.js";

const event = (occurredAt: string, reason = "") => ({ id: "x", occurredAt, reason }) as unknown as IngestEvent;

describe("partitionEvents", () => {
  it("splits by the schema check, keeping indexes and prefixing paths", () => {
    const check = (e: unknown) => ((e as { ok?: boolean }).ok ? [] : [{ instancePath: "/code", message: "must be >= 1000" }]);
    const a = { ok: true, occurredAt: "2024-01-01T00:00:00Z", reason: "" };
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

  it("counts the reason in UTF-8 bytes: 123 fit a close frame, 124 do not", () => {
    const at = "2024-01-01T00:00:00Z";
    expect(partitionEvents([event(at, "é".repeat(61) + "a")], () => []).valid).toHaveLength(1); // 123 bytes, 62 characters
    const { rejected } = partitionEvents([event(at, "é".repeat(62))], () => []); // 124 bytes, 62 characters
    expect(rejected[0]!.errors).toEqual([{ path: "body/events/0/reason", message: "must be at most 123 UTF-8 bytes (a close frame's limit)" }]);
  });
});
