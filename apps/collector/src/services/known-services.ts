import type { Database } from "@closewatch/db";
import { ALL_SERVICES, OTHER_SERVICE } from "./service-labels.js";

/** Services that already have their own rollup series, most recently seen first. */
export async function knownServices(db: Database): Promise<string[]> {
  const rows = await db.prisma.$queryRaw<{ service: string }[]>`
    SELECT service FROM close_rollups_hour WHERE service NOT IN (${OTHER_SERVICE}, ${ALL_SERVICES})
    GROUP BY service ORDER BY max(bucket) DESC`;
  return rows.map((r) => r.service);
}
