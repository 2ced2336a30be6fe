-- CreateTable
CREATE TABLE "close_rollups_minute" (
    "bucket" TIMESTAMPTZ(0) NOT NULL,
    "service" TEXT NOT NULL,
    "code" INTEGER NOT NULL,
    "cause" TEXT NOT NULL,
    "count" BIGINT NOT NULL,

    CONSTRAINT "close_rollups_minute_pkey" PRIMARY KEY ("bucket","service","code","cause")
);

-- CreateTable
CREATE TABLE "close_rollups_hour" (
    "bucket" TIMESTAMPTZ(0) NOT NULL,
    "service" TEXT NOT NULL,
    "code" INTEGER NOT NULL,
    "cause" TEXT NOT NULL,
    "count" BIGINT NOT NULL,

    CONSTRAINT "close_rollups_hour_pkey" PRIMARY KEY ("bucket","service","code","cause")
);
