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
  /** Events refused one by one (invalid) in batches whose envelope was valid. */
  readonly rejectedEvents: Counter;
  readonly liveConnections: Gauge;
  /** 1 while this replica's LISTEN session for other replicas' events is up (PostgreSQL). */
  readonly liveFanoutConnected: Gauge;
  /** 1 on the replica that evaluates the built-in alert rules. */
  readonly alertEvaluatorLeader: Gauge;
  /** Built-in alert rules firing, per rule name (bounded by the number of rules); exported by the evaluating replica only. */
  readonly alertsFiring: Gauge<"rule">;
  /** Alert notifications by target format and outcome (delivered, failed). */
  readonly alertNotifications: Counter<"format" | "outcome">;
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
  // No labels, so it is exported (at 0) from startup: a collector that stores
  // nothing shows a flat series, which the ingest-stalled alert can tell from
  // a missing one (deploy/prometheus/closewatch.rules.yml).
  const storedEvents = new Counter({
    name: "closewatch_ingest_stored_events_total",
    help: "Close events stored by ingest (new ones; retried duplicates are not counted)",
    registers: [registry],
  });
  return {
    registry,
    recordStored(events) {
      if (events.length > 0) storedEvents.inc(events.length);
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
    rejectedEvents: new Counter({
      name: "closewatch_ingest_rejected_events_total",
      help: "Invalid events refused by ingest (the valid events of the same batch are stored)",
      registers: [registry],
    }),
    liveConnections: new Gauge({
      name: "closewatch_live_connections",
      help: "Dashboards connected to the live feed",
      registers: [registry],
    }),
    liveFanoutConnected: new Gauge({
      name: "closewatch_live_fanout_connected",
      help: "1 while this replica listens for the events other replicas store (PostgreSQL LISTEN/NOTIFY), so its live dashboards see them; 0 otherwise (or on PGlite, or with CLOSEWATCH_LIVE_FANOUT=off)",
      registers: [registry],
    }),
    alertEvaluatorLeader: new Gauge({
      name: "closewatch_alert_evaluator_leader",
      help: "1 on the collector replica that evaluates the built-in alert rules (the holder of the PostgreSQL advisory lock; always this one on PGlite), 0 on the others and when evaluation is off",
      registers: [registry],
    }),
    alertsFiring: new Gauge({
      name: "closewatch_alerts_firing",
      help: "Built-in alert rules firing (1) or not (0), by rule name; rules sharing a name add up. Exported only by the replica that evaluates them, so sum() across replicas counts each rule once",
      labelNames: ["rule"] as const,
      registers: [registry],
    }),
    alertNotifications: new Counter({
      name: "closewatch_alert_notifications_total",
      help: "Alert notifications (firing and resolved) by target format and final outcome after retries (delivered, failed)",
      labelNames: ["format", "outcome"] as const,
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
