-- Route becomes a rollup dimension: '' means no route (and, with service '', all services).
-- Existing rows were counted without routes, so they get ''. The default is dropped right
-- after the backfill: every writer must say which route it counts, not fall back to ''.

-- AlterTable
ALTER TABLE "close_rollups_minute" ADD COLUMN "route" TEXT NOT NULL DEFAULT '';
ALTER TABLE "close_rollups_minute" ALTER COLUMN "route" DROP DEFAULT;
ALTER TABLE "close_rollups_minute" DROP CONSTRAINT "close_rollups_minute_pkey",
ADD CONSTRAINT "close_rollups_minute_pkey" PRIMARY KEY ("bucket", "service", "route", "code", "cause");

-- AlterTable
ALTER TABLE "close_rollups_hour" ADD COLUMN "route" TEXT NOT NULL DEFAULT '';
ALTER TABLE "close_rollups_hour" ALTER COLUMN "route" DROP DEFAULT;
ALTER TABLE "close_rollups_hour" DROP CONSTRAINT "close_rollups_hour_pkey",
ADD CONSTRAINT "close_rollups_hour_pkey" PRIMARY KEY ("bucket", "service", "route", "code", "cause");
