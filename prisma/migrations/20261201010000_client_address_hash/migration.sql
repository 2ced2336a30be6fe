-- The client's address as the agent's keyed hash (HMAC-SHA256, 16 hex
-- characters), never the address itself. Existing events have none.

-- AlterTable
ALTER TABLE "close_events" ADD COLUMN "client_address_hash" VARCHAR(16);
