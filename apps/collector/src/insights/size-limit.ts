import type { Insight, InsightFact } from "@closewatch/protocol";
import { formatBytes, formatPercent } from "./format.js";
import { placeName, type SizeRow, topPlaces } from "./rows.js";
import { severityFor } from "./severity.js";
import { histogram, mode, niceBytesCeil, quantile, share, sorted } from "./stats.js";

/**
 * 1009 findings for one cause: how far rejected messages went over the limit,
 * what limit would have admitted 90% / 99% of them, where, which direction,
 * and whether compression is in play.
 *
 * `rows` is a sample of the cause's events (newest first); `events` the true count.
 */
export function analyzeSizeLimit(cause: string, rows: readonly SizeRow[], events: number, totalCloses: number): Insight | undefined {
  if (rows.length === 0) return undefined;
  const limit = mode(rows.flatMap((r) => (r.sizeLimit === null ? [] : [r.sizeLimit])));
  // Sizes measured against the prevailing limit: other limits would skew the recommendation.
  const atLimit = rows.filter((r) => limit === undefined || r.sizeLimit === limit || r.sizeLimit === null);
  const sizes = sorted(atLimit.flatMap((r) => (r.messageSize === null ? [] : [r.messageSize])));
  const outbound = rows.filter((r) => r.direction === "outbound").length;
  const deflated = rows.filter((r) => r.deflate === true).length;
  const places = topPlaces(rows);
  const where = places[0] ? placeName(places[0]) : "your servers";

  const facts: InsightFact[] = [{ key: "events", label: "1009 closes", value: events, unit: "count" }];
  if (limit !== undefined) facts.push({ key: "limit", label: "Enforced limit", value: limit, unit: "bytes" });

  const fixSteps: string[] = [];
  let summary: string;
  let title: string;
  if (sizes.length > 0) {
    const p05 = quantile(sizes, 0.05);
    const p50 = quantile(sizes, 0.5);
    const p95 = quantile(sizes, 0.95);
    const admit90 = niceBytesCeil(quantile(sizes, 0.9));
    const admit99 = niceBytesCeil(quantile(sizes, 0.99));
    facts.push(
      { key: "sizesKnown", label: "Closes with a known size", value: sizes.length, unit: "count" },
      { key: "p50", label: "Median rejected size", value: p50, unit: "bytes" },
      { key: "p95", label: "95th percentile size", value: p95, unit: "bytes" },
      { key: "max", label: "Largest rejected size", value: sizes[sizes.length - 1]!, unit: "bytes" },
      { key: "admit90", label: "Limit admitting 90%", value: admit90, unit: "bytes" },
      { key: "admit99", label: "Limit admitting 99%", value: admit99, unit: "bytes" },
    );
    if (limit !== undefined) {
      facts.push({ key: "medianExcess", label: "Median excess over the limit", value: share(p50 - limit, limit), unit: "percent" });
    }
    const band = formatBytes(p05) === formatBytes(p95) ? formatBytes(p95) : `${formatBytes(p05)}–${formatBytes(p95)}`;
    const against = limit !== undefined ? ` against a ${formatBytes(limit)} limit` : "";
    summary = `90% of rejected messages were ${band}${against}; a limit of ${formatBytes(admit99)} would have admitted 99% of them.`;
    title = limit !== undefined ? `Messages over the ${formatBytes(limit)} size limit` : "Messages over the size limit";
    fixSteps.push(
      `If these messages are legitimate, raise the limit on ${where}: \`maxPayload\` on the ws \`WebSocketServer\` (Socket.IO: \`maxHttpBufferSize\`) to ${formatBytes(admit90)} admits 90% of them, ${formatBytes(admit99)} admits 99%.`,
    );
  } else {
    summary = `${events} connections closed with 1009${limit !== undefined ? ` against a ${formatBytes(limit)} limit` : ""}; the agent could not see the attempted sizes.`;
    title = "Messages over the size limit";
    fixSteps.push(`Check which messages grow past the limit on ${where}; the limit is \`maxPayload\` on the ws \`WebSocketServer\`.`);
  }
  fixSteps.push(
    "If they are not, make the sender split large payloads into chunks below the limit, or move bulk transfers (uploads, snapshots) to plain HTTP.",
  );

  if (outbound > 0) {
    facts.push({ key: "outboundShare", label: "Rejected by clients (server → client)", value: share(outbound, rows.length), unit: "percent" });
    fixSteps.push(
      `${formatPercent(share(outbound, rows.length))} were rejected by the client: your server sent messages bigger than the client accepts. Send smaller messages or raise the client's own limit.`,
    );
  }
  facts.push({ key: "deflateShare", label: "Connections with permessage-deflate", value: share(deflated, rows.length), unit: "percent" });
  fixSteps.push(
    cause === "decompressed_too_big"
      ? "These messages were small on the wire but over the limit once inflated: ws checks `maxPayload` after decompression, so compression cannot get them through. Raise the limit or shrink the data itself."
      : "Enabling compression (`perMessageDeflate`) would not help: ws enforces `maxPayload` on the decompressed size.",
  );

  return {
    id: `size_limit:1009:${cause}`,
    kind: "size_limit",
    title,
    severity: severityFor(events, totalCloses),
    code: 1009,
    cause,
    eventsAffected: events,
    summary,
    facts,
    fixSteps,
    places,
    ...(sizes.length > 0
      ? {
          histogram: {
            unit: "bytes" as const,
            buckets: histogram(sizes, { binary: true, include: limit }),
            ...(limit !== undefined ? { marker: { label: `limit ${formatBytes(limit)}`, value: limit } } : {}),
          },
        }
      : {}),
  };
}
