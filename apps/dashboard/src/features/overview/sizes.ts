import type { SizeDistribution } from "@closewatch/protocol";
import { formatBytes, formatNumber, type FormatOptions } from "../../lib/format.js";
import type { InsightHistogram } from "../insights/histogram.js";

/** A limit's distribution in the shape the findings' histogram draws, with the limit as its marker. */
export function toSizeHistogram(dist: SizeDistribution): InsightHistogram {
  return {
    unit: "bytes",
    buckets: dist.buckets,
    ...(dist.limit !== null ? { marker: { label: "limit", value: dist.limit } } : {}),
  };
}

/** The limit as a tab label: "2 KiB limit", or "unknown limit" when the agent could not see it. */
export function limitLabel(limit: number | null, opts: FormatOptions = {}): string {
  return limit === null ? "unknown limit" : `${formatBytes(limit, opts)} limit`;
}

/** "1.4×" of the limit, or undefined when the limit is unknown. */
function timesLimit(size: number, limit: number | null, opts: FormatOptions): string | undefined {
  return limit ? `${formatNumber(size / limit, 1, opts)}×` : undefined;
}

export interface SizeFact {
  label: string;
  value: string;
  /** How the size compares with the limit: "1.4× the limit". */
  note?: string;
}

/** Median, 95th percentile and largest size, each also as a multiple of the limit. */
export function sizeFacts(dist: SizeDistribution, opts: FormatOptions = {}): SizeFact[] {
  const fact = (label: string, size: number): SizeFact => {
    const times = timesLimit(size, dist.limit, opts);
    return { label, value: formatBytes(size, opts), ...(times ? { note: `${times} the limit` } : {}) };
  };
  return [fact("Median", dist.p50), fact("95th percentile", dist.p95), fact("Largest", dist.max)];
}

/** Which distribution to show: the chosen limit when it is still there, else the one with most closes. */
export function pickDistribution(
  limits: readonly SizeDistribution[],
  chosen: number | null | undefined,
): SizeDistribution | undefined {
  return (chosen !== undefined ? limits.find((l) => l.limit === chosen) : undefined) ?? limits[0];
}
