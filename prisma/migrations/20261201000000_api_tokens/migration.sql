-- API tokens (ingest, read, admin), stored as SHA-256 hashes of their secrets,
-- and dashboard sessions, stored the same way. Deleting a token deletes its sessions.

-- CreateEnum
CREATE TYPE "api_token_scope" AS ENUM ('ingest', 'read', 'admin');

-- CreateTable
CREATE TABLE "api_tokens" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "scope" "api_token_scope" NOT NULL,
    "secret_hash" VARCHAR(64) NOT NULL,
    "prefix" VARCHAR(16) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_sessions" (
    "id" UUID NOT NULL,
    "token_id" UUID NOT NULL,
    "secret_hash" VARCHAR(64) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "api_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_secret_hash_key" ON "api_tokens"("secret_hash");

-- CreateIndex
CREATE INDEX "api_tokens_name_idx" ON "api_tokens"("name");

-- CreateIndex
CREATE UNIQUE INDEX "api_sessions_secret_hash_key" ON "api_sessions"("secret_hash");

-- CreateIndex
CREATE INDEX "api_sessions_token_id_idx" ON "api_sessions"("token_id");

-- CreateIndex
CREATE INDEX "api_sessions_expires_at_idx" ON "api_sessions"("expires_at");

-- AddForeignKey
ALTER TABLE "api_sessions" ADD CONSTRAINT "api_sessions_token_id_fkey" FOREIGN KEY ("token_id") REFERENCES "api_tokens"("id") ON DELETE CASCADE ON UPDATE CASCADE;
