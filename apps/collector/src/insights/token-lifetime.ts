import type { Insight, InsightFact } from "@closewatch/protocol";
import { formatDuration, formatPercent } from "./format.js";
import { placeName, type TokenRow, topPlaces } from "./rows.js";
import { severityFor } from "./severity.js";
import { densestWindow, histogram, mode, quantile, share, sorted } from "./stats.js";

/** A cluster needs this share of the closes to count as "the" lifetime. */
const CLUSTER_SHARE = 40;

/**
 * 1008 auth_expired: when do connections die relative to the token's life?
 * With the lifetime reported by the agent we use it; without, a tight cluster
 * of connection ages (or token ages) reveals it.
 */
export function analyzeTokenLifetime(rows: readonly TokenRow[], events: number, totalCloses: number): Insight | undefined {
  if (rows.length === 0) return undefined;
  const places = topPlaces(rows);
  const where = places[0] ? placeName(places[0]) : "your servers";
  const reported = mode(rows.flatMap((r) => (r.tokenLifetimeMs === null ? [] : [r.tokenLifetimeMs])));
  const tokenAges = rows.flatMap((r) => (r.tokenAgeMs === null ? [] : [r.tokenAgeMs]));
  // A token's age at expiry is its lifetime; a connection's age is only ≤ that (the token may predate it).
  const ages = sorted(tokenAges.length >= rows.length / 2 ? tokenAges : rows.map((r) => r.connectionAgeMs));
  const connectionAges = sorted(rows.map((r) => r.connectionAgeMs));
  const median = quantile(ages, 0.5);
  const cluster = densestWindow(ages, Math.max(1000, median * 0.02));
  const clusterShare = cluster ? share(cluster.count, ages.length) : 0;
  const lifetime = reported ?? (cluster && clusterShare >= CLUSTER_SHARE ? cluster.center : undefined);

  const facts: InsightFact[] = [
    { key: "events", label: "Expired-token closes", value: events, unit: "count" },
    { key: "connectionAgeP50", label: "Median connection age at close", value: quantile(connectionAges, 0.5), unit: "ms" },
  ];
  const fixSteps: string[] = [];
  let summary: string;
  if (lifetime !== undefined) {
    const refreshAt = Math.round(lifetime * 0.8);
    facts.push(
      { key: "tokenLifetimeMs", label: reported !== undefined ? "Token lifetime (reported)" : "Token lifetime (inferred)", value: lifetime, unit: "ms" },
      { key: "refreshBeforeMs", label: "Refresh before", value: refreshAt, unit: "ms" },
    );
    if (cluster) facts.push({ key: "clusterShare", label: "Closes at that age", value: clusterShare, unit: "percent" });
    const source = reported !== undefined ? "tokens live" : "tokens appear to live";
    summary =
      `${formatPercent(clusterShare)} of these closes came ${formatDuration(lifetime)} into the token's life (${source} ${formatDuration(lifetime)}): ` +
      "long-lived connections outlast their tokens.";
    fixSteps.push(
      `Refresh the token over the open connection before it expires, e.g. at ${formatDuration(refreshAt)} (80% of its ${formatDuration(lifetime)} lifetime), instead of closing ${where}'s sockets at expiry.`,
      "Or have the client reconnect with a fresh token shortly before expiry, and send a warning message before closing so it can do so without losing data.",
      "If the lifetime is shorter than intended, check the issuer's expiry setting (the JWT `exp` claim).",
    );
  } else {
    summary = `${events} connections closed on an expired token at widely different ages (median ${formatDuration(median)}); no single token lifetime stands out.`;
    fixSteps.push(
      "Report the token's lifetime and age: `agent.closePolicy(ws, \"auth_expired\", { tokenLifetimeMs, tokenAgeMs })`, so closewatch can tell when to refresh.",
      "Refresh tokens over the open connection before they expire rather than closing the socket.",
    );
  }

  return {
    id: "token_lifetime:1008:auth_expired",
    kind: "token_lifetime",
    title: "Connections outlive their auth tokens",
    severity: severityFor(events, totalCloses),
    code: 1008,
    cause: "auth_expired",
    eventsAffected: events,
    summary,
    facts,
    fixSteps,
    places,
    histogram: {
      unit: "ms",
      buckets: histogram(ages, { include: lifetime }),
      ...(lifetime !== undefined ? { marker: { label: `lifetime ${formatDuration(lifetime)}`, value: lifetime } } : {}),
    },
  };
}
