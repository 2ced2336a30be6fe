import type { Database } from "@closewatch/db";
import { OTHER_SERVICE } from "./service-labels.js";

/** Services that already have their own rollup series, most recently seen first. */
export async function knownServices(db: Database): Promise<string[]> {
  const rows = await db.prisma.$queryRaw<{ service: string }[]>`
    SELECT service FROM close_rollups_hour WHERE service <> ${OTHER_SERVICE}
    GROUP BY service ORDER BY max(bucket) DESC`;
  return rows.map((r) => r.service);
}
