import { parse } from "yaml";
import { parseEnvFile, readRepoFile } from "./repo.js";

/*
 * docker-compose.yml as Compose reads it: YAML with merge keys (`<<:`), then
 * variable interpolation from the env file. Only what the tests need; the
 * docker-compose test checks that Compose itself resolves the file the same way.
 */

export interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile?: string } | string;
  command?: string[] | string;
  entrypoint?: string[] | string;
  environment?: Record<string, string | number | boolean | null>;
  volumes?: string[];
  ports?: string[];
  expose?: string[];
  depends_on?: Record<string, { condition: string }> | string[];
  healthcheck?: { disable?: boolean; test?: string[] | string };
  container_name?: string;
  restart?: string;
  [key: string]: unknown;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
  [key: string]: unknown;
}

export const COMPOSE_FILE = "docker-compose.yml";
export const ENV_EXAMPLE = ".env.example";

/** The compose file as YAML, before interpolation. */
export function rawCompose(): ComposeFile {
  return parse(readRepoFile(COMPOSE_FILE), { merge: true }) as ComposeFile;
}

/** .env.example's values. */
export function envExample(): Record<string, string> {
  return parseEnvFile(readRepoFile(ENV_EXAMPLE));
}

/** The compose file with `${…}` replaced from `vars` (by default .env.example), as Compose does before anything else. */
export function interpolatedCompose(vars: Record<string, string> = envExample()): ComposeFile {
  return interpolateValues(rawCompose(), vars) as ComposeFile;
}

function interpolateValues(value: unknown, vars: Record<string, string>): unknown {
  if (typeof value === "string") return interpolate(value, vars);
  if (Array.isArray(value)) return value.map((item) => interpolateValues(item, vars));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolateValues(item, vars)]));
  }
  return value;
}

/**
 * Compose's interpolation: `$$` is a literal `$`; `${VAR}`, `$VAR`;
 * `${VAR:-default}` / `${VAR-default}` (unset or empty / unset);
 * `${VAR:?message}` / `${VAR?message}` fail when missing.
 */
export function interpolate(text: string, vars: Record<string, string>): string {
  return text.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)|\$\{[^}]*\}?/g,
    (match, braced: string | undefined, operator: string | undefined, argument: string | undefined, bare: string | undefined) => {
      if (match === "$$") return "$";
      const name = braced ?? bare;
      if (!name) throw new Error(`unsupported interpolation ${match} in ${JSON.stringify(text)}`);
      const value = vars[name];
      const missing = operator?.startsWith(":") ? value === undefined || value === "" : value === undefined;
      if (operator?.endsWith("-")) return missing ? argument! : value!;
      if (operator?.endsWith("?")) {
        if (missing) throw new Error(`required variable ${name} is missing: ${argument}`);
        return value!;
      }
      return value ?? "";
    },
  );
}

/** A service's environment as strings (Compose passes numbers and booleans as their text). */
export function serviceEnv(service: ComposeService): Record<string, string> {
  return Object.fromEntries(Object.entries(service.environment ?? {}).map(([key, value]) => [key, value === null ? "" : String(value)]));
}

/** A service's command (or entrypoint) as one string, for the static checks of what it runs. */
export function commandText(value: string[] | string | undefined): string {
  return Array.isArray(value) ? value.join("\n") : (value ?? "");
}

export interface Mount {
  /** A named volume, or undefined for a bind mount. */
  volume: string | undefined;
  /** The host path of a bind mount (relative to the repository), or undefined. */
  hostPath: string | undefined;
  target: string;
  readOnly: boolean;
}

/** A short-syntax volume entry (`name:/path[:ro]`, `./file:/path:ro`). */
export function parseMount(entry: string): Mount {
  const [source, target, mode] = entry.split(":");
  if (!source || !target) throw new Error(`not a short-syntax volume: ${entry}`);
  const bind = source.startsWith(".") || source.startsWith("/");
  return { volume: bind ? undefined : source, hostPath: bind ? source : undefined, target, readOnly: mode === "ro" };
}

/** Where a container path lands: the named volume (and the path inside it) or bind mount covering it. */
export function resolveInContainer(service: ComposeService, path: string): { mount: Mount; inside: string } | undefined {
  const mounts = (service.volumes ?? []).map(parseMount).sort((a, b) => b.target.length - a.target.length);
  for (const mount of mounts) {
    if (path === mount.target) return { mount, inside: "" };
    if (path.startsWith(`${mount.target}/`)) return { mount, inside: path.slice(mount.target.length + 1) };
  }
  return undefined;
}

/** depends_on as a name → condition map. */
export function dependsOn(service: ComposeService): Record<string, string> {
  const deps = service.depends_on;
  if (!deps) return {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((name) => [name, "service_started"]));
  return Object.fromEntries(Object.entries(deps).map(([name, dep]) => [name, dep.condition]));
}
