// Generates the Prisma client (prisma/schema.prisma → packages/db/src/generated).
//
// Why this wrapper: every Prisma 7 CLI command, `generate` included, first
// makes sure the native schema engine binary is present and tries to download
// it when it is not. `generate` never runs that engine, so on a machine that
// cannot reach Prisma's binary host the download fails for nothing. Pointing
// PRISMA_SCHEMA_ENGINE_BINARY at any existing file skips the download; it is
// harmless with network too, because generate does not execute it. Commands
// that do need the engine (`prisma migrate status|deploy`) are run by hand,
// without this variable, on a machine that has it.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const prismaCli = join(dirname(createRequire(import.meta.url).resolve("prisma/package.json")), "build/index.js");
const placeholderEngine = existsSync("/bin/false") ? "/bin/false" : process.execPath;

const result = spawnSync(process.execPath, [prismaCli, "generate", "--no-hints"], {
  cwd: root,
  stdio: ["ignore", "inherit", "inherit"],
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? placeholderEngine,
    CHECKPOINT_DISABLE: "1",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
  },
});
process.exit(result.status ?? 1);
