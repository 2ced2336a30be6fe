-- CreateEnum
CREATE TYPE "close_initiator" AS ENUM ('server', 'client', 'none');

-- CreateEnum
CREATE TYPE "cause_source" AS ENUM ('agent', 'ws_error', 'reason', 'code');

-- CreateTable
CREATE TABLE "close_events" (
    "id" UUID NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "service" TEXT NOT NULL,
    "instance" TEXT,
    "route" TEXT,
    "code" INTEGER NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "initiator" "close_initiator" NOT NULL,
    "cause" TEXT NOT NULL,
    "cause_source" "cause_source" NOT NULL,
    "ws_error_code" TEXT,
    "message_size" BIGINT,
    "size_limit" BIGINT,
    "connection_age_ms" BIGINT NOT NULL,
    "messages_in" BIGINT NOT NULL,
    "messages_out" BIGINT NOT NULL,
    "bytes_in" BIGINT NOT NULL,
    "bytes_out" BIGINT NOT NULL,
    "evidence" JSONB,

    CONSTRAINT "close_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "close_events_occurred_at_idx" ON "close_events"("occurred_at");

-- CreateIndex
CREATE INDEX "close_events_service_occurred_at_idx" ON "close_events"("service", "occurred_at");

-- CreateIndex
CREATE INDEX "close_events_code_cause_occurred_at_idx" ON "close_events"("code", "cause", "occurred_at");
