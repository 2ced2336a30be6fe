import { defineConfig } from "prisma/config";

// Used by the Prisma CLI only (generate; migrate status/deploy on machines that
// have the schema engine). The application itself connects through driver
// adapters in @closewatch/db and applies prisma/migrations with its own runner.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://127.0.0.1:5432/closewatch" },
});
