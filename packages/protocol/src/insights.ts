import { Type, type Static } from "typebox";
import { Count, Timestamp } from "./common.js";
import { QueryFilters, Range } from "./query.js";

export const InsightSeverity = Type.Union([Type.Literal("critical"), Type.Literal("warning"), Type.Literal("info")]);
export type InsightSeverity = Static<typeof InsightSeverity>;

/** One number behind a finding, labelled for people and keyed for programs. */
export const InsightFact = Type.Object({
  key: Type.String(),
  label: Type.String(),
  value: Type.Number(),
  unit: Type.Optional(Type.Union([Type.Literal("bytes"), Type.Literal("ms"), Type.Literal("percent"), Type.Literal("count"), Type.Literal("per_minute"), Type.Literal("ratio")])),
});
export type InsightFact = Static<typeof InsightFact>;

/** A histogram bucket (sizes, ratios, ages): [from, to) with its count. */
export const HistogramBucket = Type.Object({ from: Type.Number(), to: Type.Number(), count: Count });

export const AffectedPlace = Type.Object({
  service: Type.String(),
  route: Type.Union([Type.String(), Type.Null()]),
  count: Count,
});

export const Insight = Type.Object({
  /** Stable per finding kind and subject, e.g. `size_limit:1009:message_too_big`. */
  id: Type.String(),
  kind: Type.Union([
    Type.Literal("size_limit"),
    Type.Literal("rate_limit"),
    Type.Literal("token_lifetime"),
    Type.Literal("change"),
  ]),
  title: Type.String(),
  severity: InsightSeverity,
  code: Type.Integer(),
  cause: Type.String(),
  eventsAffected: Count,
  /** One-sentence explanation with the key numbers, in plain words. */
  summary: Type.String(),
  facts: Type.Array(InsightFact),
  fixSteps: Type.Array(Type.String()),
  places: Type.Array(AffectedPlace, { description: "Services and routes most affected, descending" }),
  histogram: Type.Optional(
    Type.Object({
      unit: Type.Union([Type.Literal("bytes"), Type.Literal("ms"), Type.Literal("ratio")]),
      buckets: Type.Array(HistogramBucket),
      /** A marker to draw on the histogram, e.g. the enforced limit. */
      marker: Type.Optional(Type.Object({ label: Type.String(), value: Type.Number() })),
    }),
  ),
  /** For `change` findings: when the new level started. */
  since: Type.Optional(Timestamp),
});
export type Insight = Static<typeof Insight>;

export const InsightsResponse = Type.Object({ range: Range, insights: Type.Array(Insight) });
export type InsightsResponse = Static<typeof InsightsResponse>;

export const InsightsQuery = QueryFilters;
export type InsightsQuery = Static<typeof InsightsQuery>;
