import { describe, expect, it } from "vitest";
import { CHAT_ROW, FEED_ROW, QUIET_ROW } from "./fixtures.js";
import { rowKey, serviceStats } from "./serviceStats.js";

describe("serviceStats", () => {
  it("splits a row into 1008, 1009 and the rest, with each slice's share and rate", () => {
    const stats = serviceStats(FEED_ROW);
    expect(stats.series["1008"]).toEqual({ count: 4, share: 0.5, perMinute: 4 / 60 });
    expect(stats.series["1009"].count).toBe(1);
    expect(stats.series["1009"].share).toBe(1 / 8);
    expect(stats.series["1009"].perMinute).toBeCloseTo(1 / 60, 12);
    expect(stats.series.other).toEqual({ count: 3, share: 3 / 8, perMinute: 3 / 60 });
    expect(stats.focusShare).toBe(5 / 8);
  });

  it("slices always add up to the row's total and rate", () => {
    const stats = serviceStats(CHAT_ROW);
    const slices = Object.values(stats.series);
    expect(slices.reduce((sum, s) => sum + s.count, 0)).toBe(6);
    expect(slices.reduce((sum, s) => sum + s.perMinute, 0)).toBeCloseTo(0.1, 12);
    expect(stats.focusShare).toBeCloseTo(5 / 6, 12);
  });

  it("lists the other codes biggest first and leaves 1008/1009 out", () => {
    const row = { ...CHAT_ROW, byCode: [...CHAT_ROW.byCode, { code: 1006, count: 1 }, { code: 4001, count: 0 }] };
    const stats = serviceStats({ ...row, total: 7 });
    expect(stats.otherCodes).toEqual([
      { code: 1000, count: 1 },
      { code: 1006, count: 1 },
    ]);
    expect(stats.series.other.count).toBe(2);
  });

  it("gives zeros, not NaN, for a row without closes", () => {
    const stats = serviceStats({ ...QUIET_ROW, total: 0, perMinute: 0, byCode: [] });
    expect(stats.focusShare).toBe(0);
    expect(stats.series["1008"]).toEqual({ count: 0, share: 0, perMinute: 0 });
    expect(stats.series.other).toEqual({ count: 0, share: 0, perMinute: 0 });
  });

  it("never lets a byCode over the total make 'other' negative", () => {
    const stats = serviceStats({ ...FEED_ROW, total: 4 });
    expect(stats.series.other.count).toBe(0);
  });
});

describe("rowKey", () => {
  it("tells a missing route from a route spelled like one", () => {
    expect(rowKey({ service: "a", route: null })).not.toBe(rowKey({ service: "a", route: "null" }));
    expect(rowKey({ service: "a", route: "/x" })).toBe(rowKey({ service: "a", route: "/x" }));
  });
});
