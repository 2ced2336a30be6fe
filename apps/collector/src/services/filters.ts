import { Prisma } from "@closewatch/db";
import type { QueryFilters } from "@closewatch/protocol";
import { storableText } from "./storable-text.js";
import type { TimeRange } from "./time-range.js";

/** service/route/code/cause as SQL; the same column names exist in the raw table and both rollups. */
export function sqlFilters(filters: QueryFilters): Prisma.Sql {
  const parts = [Prisma.sql`TRUE`];
  // Made storable the way ingest stored them (U+0000 cannot even be a parameter).
  if (filters.service) parts.push(Prisma.sql`service = ${storableText(filters.service)}`);
  if (filters.route) parts.push(Prisma.sql`route = ${storableText(filters.route)}`);
  if (filters.code !== undefined) parts.push(Prisma.sql`code = ${filters.code}`);
  if (filters.cause) parts.push(Prisma.sql`cause = ${filters.cause}`);
  return Prisma.join(parts, " AND ");
}

/** The filters and the time range as a parameterised SQL condition on raw events. */
export function sqlWhere(filters: QueryFilters, range: TimeRange): Prisma.Sql {
  return Prisma.sql`occurred_at >= ${range.from} AND occurred_at < ${range.to} AND ${sqlFilters(filters)}`;
}
