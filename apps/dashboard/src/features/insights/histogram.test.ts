import { describe, expect, it } from "vitest";
import { markerLabel, toHistogramChart, type InsightHistogram } from "./histogram.js";

const en = { locale: "en-US", timeZone: "UTC" };
const KiB = 1024;

/** Attempted sizes around a 64 KiB limit, given out of order. */
const sizes: InsightHistogram = {
  unit: "bytes",
  buckets: [
    { from: 64 * KiB, to: 128 * KiB, count: 30 },
    { from: 16 * KiB, to: 32 * KiB, count: 2 },
    { from: 32 * KiB, to: 64 * KiB, count: 0 },
    { from: 128 * KiB, to: 256 * KiB, count: 12 },
  ],
  marker: { label: "limit", value: 64 * KiB },
};

describe("toHistogramChart", () => {
  it("sorts buckets, labels them in the unit and keeps empty ones", () => {
    const { rows } = toHistogramChart(sizes, en);
    expect(rows.map((r) => [r.key, r.count])).toEqual([
      ["16–32 KiB", 2],
      ["32–64 KiB", 0],
      ["64–128 KiB", 30],
      ["128–256 KiB", 12],
    ]);
  });

  it("splits counts by side of the marker", () => {
    const { rows } = toHistogramChart(sizes, en);
    expect(rows.map((r) => [r.below, r.beyond])).toEqual([
      [2, 0],
      [0, 0],
      [0, 30],
      [0, 12],
    ]);
  });

  it("puts a marker on a bucket boundary at the start of the bucket it opens", () => {
    expect(toHistogramChart(sizes, en).marker).toEqual({
      key: "64–128 KiB",
      position: "start",
      label: "limit 64 KiB",
      anchor: "middle",
    });
  });

  it("puts a marker inside a bucket at the nearest of start, middle and end", () => {
    const at = (kib: number) => toHistogramChart({ ...sizes, marker: { label: "limit", value: kib * KiB } }, en).marker;
    expect(at(100)).toMatchObject({ key: "64–128 KiB", position: "middle" });
    expect(at(70)).toMatchObject({ key: "64–128 KiB", position: "start" });
    expect(at(120)).toMatchObject({ key: "64–128 KiB", position: "end" });
  });

  it("puts a marker outside the buckets at the nearest edge", () => {
    expect(toHistogramChart({ ...sizes, marker: { label: "limit", value: KiB } }, en).marker).toMatchObject({
      key: "16–32 KiB",
      position: "start",
    });
    expect(toHistogramChart({ ...sizes, marker: { label: "limit", value: 1024 * KiB } }, en).marker).toMatchObject({
      key: "128–256 KiB",
      position: "end",
    });
  });

  it("keeps the caption inside the chart when the line is near an edge", () => {
    const at = (kib: number) => toHistogramChart({ ...sizes, marker: { label: "limit", value: kib * KiB } }, en).marker?.anchor;
    expect(at(16)).toBe("start");
    expect(at(100)).toBe("middle");
    expect(at(256)).toBe("end");
  });

  it("has no marker when the API sent none, and draws everything in one tone", () => {
    const { marker: _, ...plain } = sizes;
    const chart = toHistogramChart(plain, en);
    expect(chart.marker).toBeUndefined();
    expect(chart.rows.every((r) => r.beyond === 0 && r.below === r.count)).toBe(true);
  });

  it("drops malformed buckets and keeps duplicate labels distinct", () => {
    const chart = toHistogramChart(
      {
        unit: "ratio",
        buckets: [
          { from: 2, to: 1, count: 5 },
          { from: 1, to: 1.5, count: 1 },
          { from: 1, to: 1.5, count: 2 },
        ],
      },
      en,
    );
    expect(chart.rows.map((r) => r.key)).toEqual(["1–1.5×", "1–1.5× (2)"]);
  });

  it("labels narrow duration buckets precisely when the rounded labels would repeat", () => {
    // Token ages clustered at 15 min: rounded, every bucket read "15–15 min".
    const chart = toHistogramChart(
      {
        unit: "ms",
        buckets: [
          { from: 900_000, to: 900_050, count: 1 },
          { from: 900_050, to: 900_100, count: 0 },
          { from: 900_100, to: 900_150, count: 9 },
        ],
        marker: { label: "lifetime", value: 900_000 },
      },
      en,
    );
    expect(chart.rows.map((r) => r.key)).toEqual(["900.00–900.05 s", "900.05–900.10 s", "900.10–900.15 s"]);
    expect(chart.marker).toMatchObject({ key: "900.00–900.05 s", position: "start", label: "lifetime 15 min" });
  });

  it("keeps the rounded duration labels when they are distinct", () => {
    const chart = toHistogramChart({ unit: "ms", buckets: [{ from: 60_000, to: 120_000, count: 1 }, { from: 120_000, to: 180_000, count: 2 }] }, en);
    expect(chart.rows.map((r) => r.key)).toEqual(["1–2 min", "2–3 min"]);
  });

  it("returns no rows and no marker for an empty histogram", () => {
    expect(toHistogramChart({ unit: "ms", buckets: [], marker: { label: "ttl", value: 1000 } }, en)).toEqual({ rows: [] });
  });
});

describe("markerLabel", () => {
  it("adds the value in the histogram's unit", () => {
    expect(markerLabel({ label: "token lifetime", value: 900_000 }, "ms", en)).toBe("token lifetime 15 min");
  });

  it("keeps a label that already states its number", () => {
    expect(markerLabel({ label: "limit 64 KiB", value: 65_536 }, "bytes", en)).toBe("limit 64 KiB");
  });
});
