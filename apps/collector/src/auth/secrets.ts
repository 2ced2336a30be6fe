import { createHash, randomBytes } from "node:crypto";
import { isIP } from "node:net";

/** Generated token secrets: `cw_` and 32 random bytes in base64url (43 characters). */
export const TOKEN_PREFIX = "cw_";
export const TOKEN_PATTERN = /^cw_[A-Za-z0-9_-]{43}$/;
/** Dashboard session secrets (the cookie's value), never shown to anyone. */
export const SESSION_PREFIX = "cws_";
export const SESSION_PATTERN = /^cws_[A-Za-z0-9_-]{43}$/;
/** Shortest secret `token create --from-env` accepts. */
export const MIN_SECRET_LENGTH = 32;
/** Longest credential looked at; anything longer is refused without hashing it. */
export const MAX_SECRET_LENGTH = 512;

export function generateSecret(prefix: string = TOKEN_PREFIX): string {
  return `${prefix}${randomBytes(32).toString("base64url")}`;
}

/**
 * SHA-256, hex. Every secret is either 256 random bits (generated) or at
 * least 32 characters chosen by an operator for a machine (--from-env), never
 * a person's password: guessing a preimage of a 256-bit random value is out
 * of reach however fast the hash, so a slow password hash (bcrypt, scrypt,
 * Argon2) would only cost CPU on every request and add nothing. A fast hash
 * also lets the lookup be one indexed equality on the hash.
 */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/**
 * What listings show: the first 10 characters of a generated token (`cw_` and
 * 7 of its 43 random characters: 42 of 256 bits, the rest stays secret), or
 * the first 4 of an operator-chosen secret.
 */
export function displayPrefix(secret: string): string {
  return secret.startsWith(TOKEN_PREFIX) ? secret.slice(0, 10) : secret.slice(0, 4);
}

/**
 * Whether only programs on this machine reach the collector: it listens on
 * loopback and trusts no reverse proxy (with CLOSEWATCH_TRUST_PROXY set,
 * requests from elsewhere arrive through one, from 127.0.0.1). Only then
 * may CLOSEWATCH_AUTH=auto run without a token.
 */
export function onlyLocalClients(config: { host: string; trustProxy: boolean | number | string[] }): boolean {
  return isLoopback(config.host) && config.trustProxy === false;
}

/** Whether `host` (HOST) only accepts connections from this machine. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (h === "localhost" || h.endsWith(".localhost")) return true;
  if (isIP(h) === 4) return h.startsWith("127.");
  if (h === "::1" || h === "0:0:0:0:0:0:0:1") return true;
  return /^::ffff:127\./.test(h);
}
