import { randomBytes } from "node:crypto";

/**
 * A name for this collector process among the replicas sharing one
 * PostgreSQL database: it marks the live announcements this replica sends
 * (so it skips its own) and the sessions it opens (pg_stat_activity shows
 * `closewatch-live <id>`, `closewatch-alert-leader <id>`). New at every start:
 * a restarted replica is a new one. 8 characters, [A-Za-z0-9_-].
 */
export function newReplicaId(): string {
  return randomBytes(6).toString("base64url");
}
