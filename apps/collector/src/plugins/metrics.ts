import { causeLabel, codeLabel } from "@closewatch/close-codes";
import type { StoredEvent } from "@closewatch/protocol";
import fp from "fastify-plugin";
import { Counter, collectDefaultMetrics, Gauge, Registry } from "prom-client";
import type { ServiceLabels } from "../services/service-labels.js";

export interface CollectorMetrics {
  readonly registry: Registry;
  /** Counts newly stored close events under bounded labels. */
  recordStored(events: readonly StoredEvent[]): void;
  readonly ingestRequests: Counter<"outcome">;
  readonly duplicates: Counter;
  readonly liveConnections: Gauge;
}

declare module "fastify" {
  interface FastifyInstance {
    metrics: CollectorMetrics;
  }
}

/** Builds the collector's metrics on its own registry (never the global one). */
export function createMetrics(services: ServiceLabels): CollectorMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const closeEvents = new Counter({
    name: "closewatch_close_events_total",
    help: "WebSocket close events stored, by service, close code and cause",
    labelNames: ["service", "code", "cause"] as const,
    registers: [registry],
  });
  return {
    registry,
    recordStored(events) {
      // Hot path: a batch has few distinct label sets, so count per set and
      // call prom-client (which hashes the labels on every call) once per set.
      const perLabels = new Map<string, { labels: { service: string; code: string; cause: string }; count: number }>();
      for (const e of events) {
        const service = services.label(e.service);
        const code = codeLabel(e.code);
        const cause = causeLabel(e.cause);
        const key = `${service}\u0000${code}\u0000${cause}`;
        const entry = perLabels.get(key);
        if (entry) entry.count++;
        else perLabels.set(key, { labels: { service, code, cause }, count: 1 });
      }
      for (const { labels, count } of perLabels.values()) closeEvents.inc(labels, count);
    },
    ingestRequests: new Counter({
      name: "closewatch_ingest_requests_total",
      help: "Ingest requests by outcome (accepted, rejected, failed)",
      labelNames: ["outcome"] as const,
      registers: [registry],
    }),
    duplicates: new Counter({
      name: "closewatch_ingest_duplicate_events_total",
      help: "Events skipped because their id was already stored (agent retries)",
      registers: [registry],
    }),
    liveConnections: new Gauge({
      name: "closewatch_live_connections",
      help: "Dashboards connected to the live feed",
      registers: [registry],
    }),
  };
}

/** Decorates the app with its metrics and serves them at GET /metrics. */
export const metricsPlugin = fp<{ metrics: CollectorMetrics }>(
  async (app, { metrics }) => {
    app.decorate("metrics", metrics);
    app.get("/metrics", { schema: { hide: true } }, async (_request, reply) => {
      reply.type(metrics.registry.contentType);
      return metrics.registry.metrics();
    });
  },
  { name: "closewatch-metrics" },
);
