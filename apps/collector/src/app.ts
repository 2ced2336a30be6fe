import type { Database } from "@closewatch/db";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import type { CollectorConfig } from "./config.js";
import { Authenticator } from "./auth/authenticator.js";
import { onlyLocalClients } from "./auth/secrets.js";
import { TokenStore } from "./auth/token-store.js";
import { registerErrorHandler } from "./errors.js";
import { authPlugin } from "./plugins/auth.js";
import { corsPlugin } from "./plugins/cors.js";
import { securityHeadersPlugin } from "./plugins/security-headers.js";
import { AlertRulesService } from "./alerts/alert-rules-service.js";
import type { DeliveryOptions } from "./alerts/delivery.js";
import { alertsPlugin } from "./plugins/alerts.js";
import { closingPlugin } from "./plugins/closing.js";
import { dashboardPlugin } from "./plugins/dashboard.js";
import { livePlugin } from "./plugins/live.js";
import { liveFanoutPlugin } from "./plugins/live-fanout.js";
import { createMetrics, metricsPlugin } from "./plugins/metrics.js";
import { openapiPlugin } from "./plugins/openapi.js";
import { retentionPlugin } from "./plugins/retention.js";
import { InsightsService } from "./insights/insights-service.js";
import { LIVE_CHANNEL } from "./replicas/live-announcements.js";
import { newReplicaId } from "./replicas/replica-id.js";
import { alertsRoutes } from "./routes/alerts.js";
import { codesRoutes } from "./routes/codes.js";
import { eventsRoutes } from "./routes/events.js";
import { healthRoutes } from "./routes/health.js";
import { insightsRoutes } from "./routes/insights.js";
import { ingestRoutes } from "./routes/ingest.js";
import { queryRoutes } from "./routes/query.js";
import { servicesRoutes } from "./routes/services.js";
import { sizesRoutes } from "./routes/sizes.js";
import { buildValidator, refuseNonFiniteQueryNumbers } from "./validation.js";
import { EventSearch } from "./services/event-search.js";
import { IngestService } from "./services/ingest-service.js";
import { QueryService } from "./services/query-service.js";
import { knownRoutes } from "./services/known-routes.js";
import { knownServices } from "./services/known-services.js";
import { RouteLabels } from "./services/route-labels.js";
import { ServiceLabels } from "./services/service-labels.js";
import { ServiceOverview } from "./services/service-overview.js";
import { SizeDistributions } from "./services/size-distribution.js";

export interface AppDeps {
  config: CollectorConfig;
  db: Database;

  logger?: FastifyServerOptions["logger"];
  /** Alert notification timeouts and retry delays; tests shorten them. */
  alertDelivery?: Partial<DeliveryOptions>;
  /** How long token lookups are cached (default 5 s); tests shorten it. */
  authCacheTtlMs?: number;
  /** The rate limits' window (default one minute, budgets scale with it); tests shorten it. */
  rateLimitWindowMs?: number;
}

function hopsWithin(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops;
}

declare module "fastify" {
  interface FastifyInstance {
    /** This process's name among the replicas on one database (see replicas/replica-id.ts). */
    replicaId: string;
  }
}

/** Builds the collector without listening: tests use `app.inject()`, main.ts calls `listen`. */
export async function buildApp({ config, db, logger, alertDelivery, authCacheTtlMs, rateLimitWindowMs }: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ?? { level: config.logLevel },
    // A number of hops as the function Fastify makes of it (its types take no number).
    trustProxy: typeof config.trustProxy === "number" ? hopsWithin(config.trustProxy) : config.trustProxy,
    bodyLimit: config.bodyLimitBytes,
    // closingPlugin answers requests that arrive during shutdown, as problem+json.
    return503OnClosing: false,
    ajv: {
      customOptions: {
        // Reject unknown fields instead of silently stripping them, and report every problem at once.
        removeAdditional: false,
        allErrors: true,
        // Evidence values are `type: [number, string, boolean]` (see @closewatch/protocol's Evidence).
        allowUnionTypes: true,
      },
    },
    schemaController: { compilersFactory: { buildValidator } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate("replicaId", newReplicaId());
  registerErrorHandler(app);
  refuseNonFiniteQueryNumbers(app);
  await app.register(securityHeadersPlugin);
  await app.register(corsPlugin, { origins: config.corsOrigins });
  await app.register(closingPlugin);
  await app.register(openapiPlugin);
  // Before every route: authentication and rate limits run first on each request.
  const tokens = new TokenStore(db);
  const authenticator = new Authenticator(tokens, {
    mode: config.authMode,
    loopback: onlyLocalClients(config),
    cacheTtlMs: authCacheTtlMs,
    onError: (error) => app.log.warn({ err: error }, "could not record a token's last use"),
  });
  await app.register(authPlugin, { config, store: tokens, authenticator, rateLimitWindowMs });
  // Every closewatch body is JSON; plain text would only reach the schema as a confusing string.
  app.removeContentTypeParser("text/plain");
  // One cap for metric labels and rollup keys, starting from the services the rollups already have.
  const services = new ServiceLabels(config.maxServiceLabels);
  services.seed(await knownServices(db));
  // Routes in the rollups are capped per service the same way (see RouteLabels).
  const routes = new RouteLabels(config.maxRoutesPerService);
  routes.seed(await knownRoutes(db));
  // A fresh registry per app, so tests never share counters.
  await app.register(metricsPlugin, { metrics: createMetrics(services) });
  await app.register(livePlugin, { recheckMs: authCacheTtlMs });
  // Several replicas on one PostgreSQL: each ingest statement announces its
  // new rows, and each replica pushes the others' to its own dashboards.
  const fanout = db.kind === "postgres" && config.liveFanout;
  if (fanout) await app.register(liveFanoutPlugin, { db, replicaId: app.replicaId });

  const ingest = new IngestService(
    db,
    {
      maxQueuedEvents: config.ingestQueueEvents,
      maxEventsPerCommit: config.commitEvents,
      maxConcurrentWrites: db.kind === "postgres" ? config.writers : 1,
    },
    services,
    routes,
    {
      keepClientAddresses: config.clientAddresses === "hashed",
      announce: fanout ? { channel: LIVE_CHANNEL, sender: app.replicaId } : undefined,
    },
  );
  // On close, write what was acknowledged-to-be before the database goes away.
  app.addHook("onClose", () => ingest.queue.idle());
  ingest.onStored((events) => app.metrics.recordStored(events));
  ingest.onStored((events) => app.live.publish(events));

  await app.register(ingestRoutes, { ingest });
  await app.register(queryRoutes, { queries: new QueryService(db) });
  await app.register(eventsRoutes, { search: new EventSearch(db) });
  await app.register(servicesRoutes, { overview: new ServiceOverview(db, services, routes) });
  await app.register(sizesRoutes, { sizes: new SizeDistributions(db) });
  await app.register(codesRoutes);
  await app.register(insightsRoutes, { insights: new InsightsService(db) });
  await app.register(healthRoutes, { db });
  await app.register(dashboardPlugin, { dir: config.dashboardDir });
  await app.register(retentionPlugin, { db, policy: config.retention, intervalMs: config.retentionIntervalMs });
  await app.register(alertsRoutes, { rules: new AlertRulesService(db) });
  await app.register(alertsPlugin, {
    db,
    intervalMs: config.alertIntervalMs,
    publicUrl: config.publicUrl,
    delivery: alertDelivery,
    leadership: { replicaId: app.replicaId, retryMs: config.alertLeaderRetryMs },
  });
  return app;
}
