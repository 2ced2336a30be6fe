import { join } from "node:path";
import { parseArgs } from "node:util";
import { DatabaseInUseError, type Database, migrate, MigrationError, openDatabase } from "@closewatch/db";
import { SCOPES, type Scope } from "./auth/scopes.js";
import { generateSecret, MAX_SECRET_LENGTH, MIN_SECRET_LENGTH } from "./auth/secrets.js";
import { TokenError, type TokenInfo, TokenStore } from "./auth/token-store.js";
import { ConfigError, loadConfig } from "./config.js";

/*
 * `npm run -s token -- …` / `node apps/collector/dist/token-cli.js …`: manages
 * API tokens in the collector's database, found through the same settings as
 * the collector (DATABASE_URL, CLOSEWATCH_DATA_DIR), after applying pending
 * migrations. Only a created token's secret goes to stdout, so that it can be
 * captured; everything else goes to stderr.
 */

const USAGE = `Usage:
  token create --name <name> --scope ingest|read|admin   prints the new token (once; only its hash is stored)
  token create --name <name> --scope <scope> --from-env VAR
                                                         stores the secret in environment variable VAR (at least ${MIN_SECRET_LENGTH} characters);
                                                         does nothing if that token exists already (for init containers)
  token list [--json]                                    name, scope, prefix, created, last used, revoked
  token revoke <name-or-id>                              the token stops working within seconds; its dashboard sessions end

Scopes: ingest (POST /v1/events only), read (the dashboard, the API's reads, /metrics), admin (everything).
The database is the collector's: DATABASE_URL, or the embedded one in CLOSEWATCH_DATA_DIR (.closewatch).`;

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PRINTABLE = /^[\x21-\x7e]+$/;

class UsageError extends Error {}

type Command =
  | { kind: "create"; name: string; scope: Scope; fromEnv?: string }
  | { kind: "list"; json: boolean }
  | { kind: "revoke"; target: string }
  | { kind: "help" };

function parseCommand(argv: string[]): Command {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: "string" },
      scope: { type: "string" },
      "from-env": { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === "help") return { kind: "help" };
  if (command === "create") {
    if (rest.length > 0) throw new UsageError(`create takes no positional arguments (got "${rest.join(" ")}")`);
    const { name, scope } = values;
    const problems: string[] = [];
    if (!name) problems.push("--name is required");
    else if (!NAME.test(name) || UUID.test(name)) problems.push(`--name must be 1–100 letters, digits, ".", "_" or "-", starting with a letter or digit, and not a UUID (got "${name}")`);
    if (!scope) problems.push(`--scope is required: ${SCOPES.join(", ")}`);
    else if (!SCOPES.includes(scope as Scope)) problems.push(`--scope must be one of ${SCOPES.join(", ")} (got "${scope}")`);
    if (problems.length > 0) throw new UsageError(problems.join("\n"));
    return { kind: "create", name: name!, scope: scope as Scope, fromEnv: values["from-env"] };
  }
  if (command === "list") return { kind: "list", json: values.json ?? false };
  if (command === "revoke") {
    if (rest.length !== 1) throw new UsageError("revoke takes one argument: the token's name or id");
    return { kind: "revoke", target: rest[0]! };
  }
  throw new UsageError(`unknown command "${command}"`);
}

function secretFromEnv(variable: string, env: NodeJS.ProcessEnv): string {
  const secret = env[variable];
  if (secret === undefined || secret === "") throw new UsageError(`environment variable ${variable} is not set (or empty)`);
  if (secret.length < MIN_SECRET_LENGTH) throw new UsageError(`the secret in ${variable} is ${secret.length} characters; at least ${MIN_SECRET_LENGTH} are needed`);
  if (secret.length > MAX_SECRET_LENGTH || !PRINTABLE.test(secret)) {
    throw new UsageError(`the secret in ${variable} must be at most ${MAX_SECRET_LENGTH} printable ASCII characters, without spaces (it travels in an HTTP header)`);
  }
  return secret;
}

const when = (date: Date | null) => (date ? date.toISOString().replace(/\.\d{3}Z$/, "Z") : "-");

function table(tokens: TokenInfo[]): string {
  const rows = [
    ["NAME", "SCOPE", "PREFIX", "CREATED", "LAST USED", "REVOKED", "ID"],
    ...tokens.map((t) => [t.name, t.scope, `${t.prefix}…`, when(t.createdAt), when(t.lastUsedAt), when(t.revokedAt), t.id]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join("  ").trimEnd()).join("\n");
}

async function run(command: Exclude<Command, { kind: "help" }>, db: Database, env: NodeJS.ProcessEnv): Promise<void> {
  const tokens = new TokenStore(db);
  switch (command.kind) {
    case "create": {
      if (command.fromEnv !== undefined) {
        const secret = secretFromEnv(command.fromEnv, env);
        const { outcome, token } = await tokens.ensure({ name: command.name, scope: command.scope, secret });
        process.stderr.write(
          outcome === "created"
            ? `created ${token.scope} token "${token.name}" (${token.prefix}…) from ${command.fromEnv}\n`
            : `token "${token.name}" exists already with this secret and scope; nothing changed\n`,
        );
        return;
      }
      const secret = generateSecret();
      const token = await tokens.create({ name: command.name, scope: command.scope, secret });
      process.stdout.write(`${secret}\n`);
      process.stderr.write(`created ${token.scope} token "${token.name}" (${token.prefix}…). It is shown once: store it now.\n`);
      return;
    }
    case "list": {
      const all = await tokens.list();
      if (command.json) process.stdout.write(`${JSON.stringify(all, null, 2)}\n`);
      else if (all.length === 0) process.stderr.write("no tokens yet: token create --name <name> --scope ingest|read|admin\n");
      else process.stdout.write(`${table(all)}\n`);
      return;
    }
    case "revoke": {
      const token = await tokens.revoke(command.target);
      if (!token) throw new TokenError(`no live token with the name or id "${command.target}" (token list shows them)`);
      process.stderr.write(`revoked ${token.scope} token "${token.name}" (${token.prefix}…); it stops working within seconds\n`);
      return;
    }
  }
}

async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  let command: Command;
  try {
    command = parseCommand(argv);
  } catch (error) {
    process.stderr.write(`token: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (command.kind === "help") {
    process.stderr.write(`${USAGE}\n`);
    return 0;
  }
  let db: Database | undefined;
  try {
    const config = loadConfig(env);
    db = await openDatabase({ url: config.databaseUrl, dataDir: join(config.dataDir, "pglite"), poolSize: 1 });
    await migrate(db);
    await run(command, db, env);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`token: ${error.message}\n`);
      return 2;
    }
    if (error instanceof DatabaseInUseError) {
      process.stderr.write(
        `token: ${error.message}\nWith the embedded database, stop the collector, run this command, and start it again.\n`,
      );
      return 1;
    }
    if (error instanceof ConfigError || error instanceof TokenError || error instanceof MigrationError) {
      process.stderr.write(`token: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`token: failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await db?.close().catch(() => {});
  }
}

process.exitCode = await main(process.argv.slice(2), process.env);
