import { describe, expect, it } from "vitest";
import {
  formatBucket,
  formatBytes,
  formatClock,
  formatCount,
  formatDuration,
  formatEventTime,
  formatPercent,
  formatRate,
  formatRatio,
} from "./format.js";

const en = { locale: "en-US", timeZone: "UTC" };

describe("formatCount", () => {
  it("groups thousands", () => {
    expect(formatCount(0, en)).toBe("0");
    expect(formatCount(12345, en)).toBe("12,345");
  });
});

describe("formatPercent", () => {
  it("shows at most one decimal", () => {
    expect(formatPercent(0.5, en)).toBe("50%");
    expect(formatPercent(0.4213, en)).toBe("42.1%");
    expect(formatPercent(1, en)).toBe("100%");
    expect(formatPercent(0, en)).toBe("0%");
  });

  it("never rounds a non-zero share down to 0% or a partial one up to 100%", () => {
    expect(formatPercent(0.0001, en)).toBe("<0.1%");
    expect(formatPercent(0.99999, en)).toBe(">99.9%");
  });

  it("treats NaN (0 of 0) as 0%", () => {
    expect(formatPercent(Number.NaN, en)).toBe("0%");
  });
});

describe("formatBytes", () => {
  it("uses binary units", () => {
    expect(formatBytes(512, en)).toBe("512 B");
    expect(formatBytes(1536, en)).toBe("1.5 KiB");
    expect(formatBytes(1048576, en)).toBe("1 MiB");
    expect(formatBytes(100 * 1048576, en)).toBe("100 MiB");
  });
});

describe("times", () => {
  const t = Date.UTC(2025, 10, 24, 14, 5, 9);

  it("formats axis ticks as 24-hour clock", () => {
    expect(formatClock(t, en)).toBe("14:05");
    expect(formatBucket(t, 60, en)).toBe("14:05–14:06");
  });

  it("shows seconds in a bucket title when buckets are shorter than a minute", () => {
    expect(formatBucket(t, 30, en)).toBe("14:05:09–14:05:39");
  });

  it("shows only the time for events of the same day", () => {
    expect(formatEventTime(new Date(t).toISOString(), t + 3_600_000, en)).toBe("14:05:09");
  });

  it("adds the date for events of another day", () => {
    const text = formatEventTime(new Date(t).toISOString(), t + 2 * 86_400_000, en);
    expect(text).toContain("Nov 24");
    expect(text).toContain("14:05:09");
  });

  it("shows an unparseable timestamp as it came", () => {
    expect(formatEventTime("yesterday", t, en)).toBe("yesterday");
  });
});

describe("formatDuration", () => {
  it("picks the unit people read at a glance", () => {
    expect(formatDuration(850, en)).toBe("850 ms");
    expect(formatDuration(2340, en)).toBe("2.3 s");
    expect(formatDuration(45_000, en)).toBe("45 s");
    expect(formatDuration(15 * 60_000, en)).toBe("15 min");
    expect(formatDuration(90 * 60_000, en)).toBe("1.5 h");
    expect(formatDuration(3 * 86_400_000, en)).toBe("3 d");
  });

  it("moves to the next unit when rounding reaches it", () => {
    expect(formatDuration(999.6, en)).toBe("1 s");
    expect(formatDuration(59_960, en)).toBe("1 min");
    expect(formatDuration(3_599_000, en)).toBe("1 h");
  });

  it("shows nonsense input as zero", () => {
    expect(formatDuration(-5, en)).toBe("0 ms");
    expect(formatDuration(Number.NaN, en)).toBe("0 ms");
  });
});

describe("formatRate", () => {
  it("shows events per minute with one decimal below 10", () => {
    expect(formatRate(4.24, en)).toBe("4.2/min");
    expect(formatRate(73, en)).toBe("73/min");
    expect(formatRate(0, en)).toBe("0/min");
  });

  it("never shows a non-zero rate as 0/min", () => {
    expect(formatRate(0.01, en)).toBe("<0.1/min");
  });
});

describe("formatRatio", () => {
  it("writes a multiplier", () => {
    expect(formatRatio(1.456, en)).toBe("1.46×");
    expect(formatRatio(12.3, en)).toBe("12×");
  });
});
