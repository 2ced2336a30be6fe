import type { Timeseries } from "@closewatch/protocol";
import { describe, expect, it } from "vitest";
import { peak, toChartRows } from "./chartRows.js";

const at = (min: number) => new Date(Date.UTC(2025, 0, 1, 12, min)).toISOString();

function series(points: Timeseries["points"], fromMin = 0, toMin = 5): Timeseries {
  return { range: { from: at(fromMin), to: at(toMin) }, bucketSeconds: 60, points };
}

describe("toChartRows", () => {
  it("keeps 1008 and 1009 apart and folds all other codes into `other`", () => {
    const rows = toChartRows(series([{ t: at(0), counts: { "1008": 3, "1009": 2, "1000": 4, "1006": 1 } }], 0, 1));
    expect(rows).toEqual([{ t: Date.parse(at(0)), total: 10, "1008": 3, "1009": 2, other: 5 }]);
  });

  it("fills buckets without closes with zeros across the whole range", () => {
    const rows = toChartRows(series([{ t: at(2), counts: { "1008": 1 } }]));
    expect(rows.map((r) => r.t)).toEqual([0, 1, 2, 3, 4].map((m) => Date.parse(at(m))));
    expect(rows.map((r) => r.total)).toEqual([0, 0, 1, 0, 0]);
  });

  it("aligns filled buckets on the API's buckets when the range does not start on one", () => {
    const ts: Timeseries = {
      range: { from: "2025-01-01T12:00:30.000Z", to: "2025-01-01T12:03:30.000Z" },
      bucketSeconds: 60,
      points: [{ t: at(1), counts: { "1009": 1 } }],
    };
    expect(toChartRows(ts).map((r) => r.t)).toEqual([0, 1, 2, 3].map((m) => Date.parse(at(m))));
  });

  it("returns evenly spaced empty rows for an empty range", () => {
    const rows = toChartRows(series([]));
    expect(rows).toHaveLength(5);
    expect(peak(rows)).toBe(0);
  });

  it("sums points that share a bucket and sorts by time", () => {
    const rows = toChartRows(
      series([
        { t: at(3), counts: { "1008": 1 } },
        { t: at(1), counts: { "1008": 1 } },
        { t: at(3), counts: { "1008": 2 } },
      ]),
    );
    expect(rows.filter((r) => r.total > 0).map((r) => [r.t, r["1008"]])).toEqual([
      [Date.parse(at(1)), 1],
      [Date.parse(at(3)), 3],
    ]);
    expect(peak(rows)).toBe(3);
  });
});
