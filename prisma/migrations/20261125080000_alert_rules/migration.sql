-- Built-in alert rules: the rules with their evaluation state, and one row per firing
-- with the status of its latest notification. Deleting a rule deletes its firings.

-- CreateEnum
CREATE TYPE "alert_state" AS ENUM ('ok', 'pending', 'firing');

-- CreateEnum
CREATE TYPE "alert_threshold_kind" AS ENUM ('count', 'factor');

-- CreateEnum
CREATE TYPE "alert_target_format" AS ENUM ('json', 'slack');

-- CreateEnum
CREATE TYPE "alert_notification_status" AS ENUM ('pending', 'delivered', 'failed', 'none');

-- CreateTable
CREATE TABLE "alert_rules" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "codes" INTEGER[],
    "cause" TEXT,
    "service" TEXT,
    "window_seconds" INTEGER NOT NULL,
    "threshold_kind" "alert_threshold_kind" NOT NULL,
    "threshold_value" DOUBLE PRECISION NOT NULL,
    "baseline_seconds" INTEGER,
    "min_events" INTEGER NOT NULL,
    "for_seconds" INTEGER NOT NULL,
    "cooldown_seconds" INTEGER NOT NULL,
    "target_url" TEXT,
    "target_format" "alert_target_format",
    "enabled" BOOLEAN NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "state" "alert_state" NOT NULL DEFAULT 'ok',
    "state_since" TIMESTAMPTZ(3) NOT NULL,
    "last_value" BIGINT,
    "last_threshold" DOUBLE PRECISION,
    "last_evaluated_at" TIMESTAMPTZ(3),
    "clear_streak" INTEGER NOT NULL DEFAULT 0,
    "last_resolved_at" TIMESTAMPTZ(3),

    CONSTRAINT "alert_rules_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_firings" (
    "id" UUID NOT NULL,
    "rule_id" UUID NOT NULL,
    "rule_name" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "resolved_at" TIMESTAMPTZ(3),
    "peak_value" BIGINT NOT NULL,
    "threshold" DOUBLE PRECISION NOT NULL,
    "notification_status" "alert_notification_status" NOT NULL,
    "notification_attempts" INTEGER NOT NULL DEFAULT 0,
    "notification_error" TEXT,

    CONSTRAINT "alert_firings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "alert_firings_started_at_id_idx" ON "alert_firings"("started_at", "id");

-- CreateIndex
CREATE INDEX "alert_firings_rule_id_started_at_id_idx" ON "alert_firings"("rule_id", "started_at", "id");

-- AddForeignKey
ALTER TABLE "alert_firings" ADD CONSTRAINT "alert_firings_rule_id_fkey" FOREIGN KEY ("rule_id") REFERENCES "alert_rules"("id") ON DELETE CASCADE ON UPDATE CASCADE;
