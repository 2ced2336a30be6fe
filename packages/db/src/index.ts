export type { Database, DatabaseKind, DedicatedConnection, DedicatedConnectionOptions, SqlSession } from "./database.js";
export { openDatabase, type OpenDatabaseOptions } from "./open.js";
export { DatabaseInUseError } from "./data-dir-lock.js";
export { migrate, readMigrations, MigrationError, DEFAULT_MIGRATIONS_DIR, type MigrationFile } from "./migrate.js";
export { PrismaClient, Prisma } from "./generated/prisma/client.js";
export type { CloseEvent, CloseRollupMinute, CloseRollupHour, Initiator, CauseSource } from "./generated/prisma/client.js";
export type { ApiToken as ApiTokenRow, ApiSession as ApiSessionRow, ApiTokenScope } from "./generated/prisma/client.js";
export type {
  AlertRule as AlertRuleRow,
  AlertFiring as AlertFiringRow,
  AlertState as AlertStateValue,
  AlertNotificationStatus,
} from "./generated/prisma/client.js";
