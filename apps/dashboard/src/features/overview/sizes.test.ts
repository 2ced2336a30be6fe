import type { SizeDistribution } from "@closewatch/protocol";
import { describe, expect, it } from "vitest";
import { limitLabel, pickDistribution, sizeFacts, toSizeHistogram } from "./sizes.js";

const dist = (limit: number | null, count = 3): SizeDistribution => ({
  limit,
  count,
  p50: 1_468_006,
  p95: 1_887_437,
  max: 2_097_152,
  lowerBoundShare: 0,
  buckets: [{ from: 1_048_576, to: 2_097_153, count }],
});

describe("size distribution for the overview", () => {
  it("marks the limit on the histogram, and only a known one", () => {
    expect(toSizeHistogram(dist(1_048_576)).marker).toEqual({ label: "limit", value: 1_048_576 });
    expect(toSizeHistogram(dist(null)).marker).toBeUndefined();
    expect(toSizeHistogram(dist(1024)).buckets).toHaveLength(1);
  });

  it("states sizes in binary units and as multiples of the limit", () => {
    expect(sizeFacts(dist(1_048_576), { locale: "en" })).toEqual([
      { label: "Median", value: "1.4 MiB", note: "1.4× the limit" },
      { label: "95th percentile", value: "1.8 MiB", note: "1.8× the limit" },
      { label: "Largest", value: "2 MiB", note: "2× the limit" },
    ]);
    expect(sizeFacts(dist(null), { locale: "en" })[0]).toEqual({ label: "Median", value: "1.4 MiB" });
    expect(limitLabel(2048, { locale: "en" })).toBe("2 KiB limit");
    expect(limitLabel(null)).toBe("unknown limit");
  });

  it("keeps the chosen limit while it exists and falls back to the biggest group", () => {
    const limits = [dist(2048, 5), dist(1024, 2)];
    expect(pickDistribution(limits, 1024)?.limit).toBe(1024);
    expect(pickDistribution(limits, 4096)?.limit).toBe(2048);
    expect(pickDistribution(limits, undefined)?.limit).toBe(2048);
    expect(pickDistribution([], 1024)).toBeUndefined();
  });
});
