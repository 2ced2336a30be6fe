import type { Summary } from "@closewatch/protocol";
import { describe, expect, it } from "vitest";
import { codeStat, otherCodes, share, topCauses } from "./summary.js";

const summary: Summary = {
  range: { from: "2025-01-01T11:00:00.000Z", to: "2025-01-01T12:00:00.000Z" },
  total: 200,
  byCode: [
    { code: 1000, count: 100 },
    { code: 1008, count: 60 },
    { code: 1009, count: 20 },
    { code: 1006, count: 15 },
    { code: 4001, count: 5 },
  ],
  byCause: [
    { code: 1000, cause: "normal", count: 100 },
    { code: 1008, cause: "auth_expired", count: 15 },
    { code: 1008, cause: "rate_limit", count: 30 },
    { code: 1008, cause: "origin_rejected", count: 5 },
    { code: 1008, cause: "forbidden", count: 5 },
    { code: 1008, cause: "unspecified", count: 5 },
    { code: 1009, cause: "message_too_big", count: 20 },
    { code: 1006, cause: "abnormal", count: 15 },
  ],
};

describe("share", () => {
  it("is 0 when the total is 0 instead of NaN", () => {
    expect(share(0, 0)).toBe(0);
    expect(share(1, 4)).toBe(0.25);
  });
});

describe("codeStat", () => {
  it("gives count and share of all closes", () => {
    expect(codeStat(summary, 1008)).toEqual({ code: 1008, count: 60, share: 0.3 });
    expect(codeStat(summary, 1009)).toEqual({ code: 1009, count: 20, share: 0.1 });
  });

  it("is zero for a code that did not occur", () => {
    expect(codeStat(summary, 1011)).toEqual({ code: 1011, count: 0, share: 0 });
  });
});

describe("topCauses", () => {
  it("sorts causes of one code by count with their share of that code", () => {
    const { items } = topCauses(summary, 1008, 2);
    expect(items).toEqual([
      { cause: "rate_limit", count: 30, share: 0.5 },
      { cause: "auth_expired", count: 15, share: 0.25 },
    ]);
  });

  it("accounts for the causes it leaves out", () => {
    expect(topCauses(summary, 1008, 2).rest).toEqual({ causes: 3, count: 15 });
  });

  it("breaks ties by cause id so the list does not jump between refreshes", () => {
    const causes = topCauses(summary, 1008, 5).items.map((c) => c.cause);
    expect(causes.slice(2)).toEqual(["forbidden", "origin_rejected", "unspecified"]);
  });

  it("never shows a cause share above 100% when byCode lags byCause", () => {
    const lagging: Summary = { ...summary, byCode: [{ code: 1009, count: 10 }] };
    expect(topCauses(lagging, 1009).items[0]?.share).toBe(1);
  });

  it("is empty for a code without closes", () => {
    expect(topCauses(summary, 1011)).toEqual({ items: [], rest: { causes: 0, count: 0 } });
  });
});

describe("otherCodes", () => {
  it("lists every code but 1008 and 1009, biggest first, with share of all", () => {
    expect(otherCodes(summary)).toEqual([
      { code: 1000, count: 100, share: 0.5 },
      { code: 1006, count: 15, share: 0.075 },
      { code: 4001, count: 5, share: 0.025 },
    ]);
  });
});
