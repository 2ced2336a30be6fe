import type { AuthMode } from "../config.js";
import type { Scope } from "./scopes.js";
import { hashSecret, MAX_SECRET_LENGTH, SESSION_PATTERN } from "./secrets.js";
import type { TokenIdentity, TokenStore } from "./token-store.js";

/** Who made a request: a token, directly (bearer) or through a dashboard session (cookie). */
export interface Principal extends TokenIdentity {
  via: "bearer" | "cookie";
  sessionId?: string;
}

export interface AuthenticatorOptions {
  mode: AuthMode;
  /** HOST is a loopback address: `auto` with no live token is open. */
  loopback: boolean;
  /**
   * How long a lookup (a credential's token, or the number of live tokens) is
   * believed: a token created while the collector runs works, and a revoked
   * one stops working, at most this long later. Never a database query per request.
   */
  cacheTtlMs?: number;
  /** lastUsedAt is written at most this often per token. */
  touchEveryMs?: number;
  now?: () => number;
  onError?: (error: unknown) => void;
}

export const AUTH_CACHE_TTL_MS = 5000;
export const TOUCH_EVERY_MS = 60_000;
/** Most credentials remembered; beyond it the oldest are forgotten (random unknown tokens cannot grow memory). */
const MAX_CACHED = 10_000;
const PRINTABLE = /^[\x21-\x7e]+$/;

interface Cached<T> {
  value: T;
  expires: number;
}

/**
 * Turns credentials into principals, with a small TTL cache in front of the
 * database for both answers (known and unknown), and writes each token's
 * lastUsedAt at most once a minute, off the request's path.
 */
export class Authenticator {
  private readonly cache = new Map<string, Cached<TokenIdentity | (TokenIdentity & { sessionId: string }) | null>>();
  private liveTokens: Cached<Promise<number>> | undefined;
  private lastCount: number | undefined;
  private readonly touched = new Map<string, number>();
  private readonly ttl: number;
  private readonly touchEvery: number;
  private readonly now: () => number;

  constructor(
    private readonly store: TokenStore,
    private readonly options: AuthenticatorOptions,
  ) {
    this.ttl = options.cacheTtlMs ?? AUTH_CACHE_TTL_MS;
    this.touchEvery = options.touchEveryMs ?? TOUCH_EVERY_MS;
    this.now = options.now ?? Date.now;
  }

  get mode(): AuthMode {
    return this.options.mode;
  }

  /** Whether requests need a token now: `auto` asks once live tokens exist, or when not on loopback. */
  async required(): Promise<boolean> {
    if (this.options.mode === "open") return false;
    if (this.options.mode === "required" || !this.options.loopback) return true;
    return (await this.countLive()) > 0;
  }

  countLive(): Promise<number> {
    const now = this.now();
    if (!this.liveTokens || this.liveTokens.expires <= now) {
      // While the database cannot be reached, the last count that could be made
      // stands (whether auth is on does not flip during an outage); a failed count
      // is not remembered. With no count ever made, the failure is the answer (a 503).
      const value = this.store.countLive().then(
        (count) => (this.lastCount = count),
        (error: unknown) => {
          this.liveTokens = undefined;
          if (this.lastCount === undefined) throw error;
          return this.lastCount;
        },
      );
      this.liveTokens = { value, expires: now + this.ttl };
    }
    return this.liveTokens.value;
  }

  /** A bearer token's principal; null when unknown, revoked or not a plausible token. */
  async bearer(secret: string): Promise<Principal | null> {
    if (secret.length > MAX_SECRET_LENGTH || !PRINTABLE.test(secret)) return null;
    const identity = await this.lookup(`t:${hashSecret(secret)}`, (hash) => this.store.findLive(hash));
    return identity && this.used({ ...identity, via: "bearer" });
  }

  /** A session cookie's principal; null when unknown, expired, signed out or its token revoked. */
  async session(secret: string): Promise<Principal | null> {
    if (!SESSION_PATTERN.test(secret)) return null;
    const identity = await this.lookup(`s:${hashSecret(secret)}`, (hash) => this.store.findSession(hash, new Date(this.now())));
    return identity && this.used({ ...identity, via: "cookie" });
  }

  /** Forgets what is cached for a session (signed out): it stops working at once on this collector. */
  forgetSession(secret: string): void {
    this.cache.delete(`s:${hashSecret(secret)}`);
  }

  private async lookup<T extends TokenIdentity>(key: string, load: (hash: string) => Promise<T | null>): Promise<T | null> {
    const now = this.now();
    const hit = this.cache.get(key);
    if (hit && hit.expires > now) return hit.value as T | null;
    const value = await load(key.slice(2));
    this.cache.delete(key);
    if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, { value, expires: now + this.ttl });
    return value;
  }

  private used(principal: Principal): Principal {
    const now = this.now();
    const last = this.touched.get(principal.tokenId);
    if (last === undefined || now - last >= this.touchEvery) {
      this.touched.set(principal.tokenId, now);
      this.store.touch(principal.tokenId, new Date(now)).catch((error: unknown) => this.options.onError?.(error));
    }
    return principal;
  }
}

export type { Scope };
