import { Prisma } from "@closewatch/db";
import { NO_ROUTE, OTHER_ROUTE, type RouteLabels, type RoutePairs } from "./route-labels.js";
import { OTHER_SERVICE, type ServiceLabels } from "./service-labels.js";

/**
 * What the database needs to count a raw row under the same rollup key as
 * ingest does: the services and (service, route) pairs that have their own
 * series. Both sets only grow, and a name is in them exactly when the labels
 * gave it its own series, so SQL and the labels always agree.
 */
export interface RollupKeys {
  services: string[];
  routes: RoutePairs;
}

export function rollupKeys(services: ServiceLabels, routes: RouteLabels): RollupKeys {
  return { services: services.names(), routes: routes.pairs() };
}

/** The rollup service of a raw row (column `service`): its name, or 'other' beyond the cap. */
export function rollupServiceSql(keys: RollupKeys): Prisma.Sql {
  return Prisma.sql`CASE WHEN service = ANY(${keys.services}::text[]) THEN service ELSE ${OTHER_SERVICE} END`;
}

/**
 * The rollup route of a raw row (column `route`), given the SQL of its rollup
 * service: '' without a route, the route when its pair has a series, else
 * 'other'. The pairs are matched as pairs (a hashed subplan), never as joined
 * strings that a service or route containing the separator could fake.
 */
export function rollupRouteSql(service: Prisma.Sql, keys: RollupKeys): Prisma.Sql {
  return Prisma.sql`CASE WHEN route IS NULL OR route = ${NO_ROUTE} THEN ${NO_ROUTE}
    WHEN (${service}, route) IN (SELECT * FROM unnest(${keys.routes.services}::text[], ${keys.routes.routes}::text[])) THEN route
    ELSE ${OTHER_ROUTE} END`;
}
