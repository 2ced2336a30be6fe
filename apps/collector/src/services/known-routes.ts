import type { Database } from "@closewatch/db";
import { NO_ROUTE, OTHER_ROUTE } from "./route-labels.js";
import { ALL_SERVICES } from "./service-labels.js";

/** (service label, route) pairs that already have their own rollup series, most recently seen first. */
export async function knownRoutes(db: Database): Promise<Array<{ service: string; route: string }>> {
  return db.prisma.$queryRaw<Array<{ service: string; route: string }>>`
    SELECT service, route FROM close_rollups_hour
    WHERE service <> ${ALL_SERVICES} AND route NOT IN (${NO_ROUTE}, ${OTHER_ROUTE})
    GROUP BY service, route ORDER BY max(bucket) DESC`;
}
