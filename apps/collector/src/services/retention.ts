import { type Database, Prisma } from "@closewatch/db";

export interface RetentionPolicy {
  rawDays: number;
  minuteRollupDays: number;
  hourRollupDays: number;
}

export interface Expired {
  raw: number;
  minute: number;
  hour: number;
}

/** Rows deleted per statement: short transactions, so ingest never waits long behind expiry. */
const CHUNK = 10_000;
const DAY = 86_400_000;

/**
 * Deletes what is older than the policy keeps: raw events first (in chunks),
 * then the rollups. Rollups outlive raw events, so long-range charts keep
 * working after the events behind them are gone.
 */
export async function expireOldData(db: Database, policy: RetentionPolicy, now = new Date()): Promise<Expired> {
  const cutoff = (days: number) => new Date(now.getTime() - days * DAY);
  let raw = 0;
  for (;;) {
    const deleted = await db.prisma.$executeRaw`
      DELETE FROM close_events WHERE ctid IN (
        SELECT ctid FROM close_events WHERE occurred_at < ${cutoff(policy.rawDays)} LIMIT ${CHUNK})`;
    raw += deleted;
    if (deleted < CHUNK) break;
  }
  const minute = await db.prisma.$executeRaw(
    Prisma.sql`DELETE FROM close_rollups_minute WHERE bucket < ${cutoff(policy.minuteRollupDays)}`,
  );
  const hour = await db.prisma.$executeRaw(Prisma.sql`DELETE FROM close_rollups_hour WHERE bucket < ${cutoff(policy.hourRollupDays)}`);
  return { raw, minute, hour };
}
