import { createHmac, randomBytes } from "node:crypto";

/** Hex characters kept of the HMAC: 64 bits, plenty to tell clients apart, too few to be worth storing as an address. */
export const CLIENT_ADDRESS_HASH_CHARS = 16;
/** Shortest `clientAddressKey` accepted (bytes; a string counts its UTF-8 bytes). */
export const MIN_CLIENT_ADDRESS_KEY_BYTES = 16;

/**
 * Hashes client addresses with HMAC-SHA256 under `key`, cut to 16 hex
 * characters. Keyed, because a plain hash of an IPv4 address is reversed by
 * hashing all 2^32 addresses in minutes; without the key nobody (the
 * collector's operators included) can tell which address a hash stands for.
 * With no key, a random one is made per process: the hashes then match only
 * within one process's lifetime (no correlation across instances or
 * restarts), and no secret exists anywhere that could reverse them.
 */
export function createAddressHasher(key: Uint8Array | string | undefined): (address: string) => string {
  const secret = key === undefined ? randomBytes(32) : typeof key === "string" ? Buffer.from(key, "utf8") : Buffer.from(key);
  return (address) => createHmac("sha256", secret).update(normalizeAddress(address)).digest("hex").slice(0, CLIENT_ADDRESS_HASH_CHARS);
}

/** One spelling per address: an IPv4 client seen through a dual-stack socket (`::ffff:1.2.3.4`) hashes as `1.2.3.4`. */
export function normalizeAddress(address: string): string {
  const lower = address.toLowerCase();
  return lower.startsWith("::ffff:") && lower.includes(".") ? lower.slice(7) : lower;
}

/** The peer address of the HTTP upgrade request ws hands to 'connection' listeners. */
export function remoteAddressOf(request: unknown): string | undefined {
  if (typeof request !== "object" || request === null || !("socket" in request)) return undefined;
  const socket = request.socket;
  if (typeof socket !== "object" || socket === null || !("remoteAddress" in socket)) return undefined;
  return typeof socket.remoteAddress === "string" && socket.remoteAddress.length > 0 ? socket.remoteAddress : undefined;
}
