import { describe, expect, it } from "vitest";
import { Authenticator } from "./authenticator.js";
import { generateSecret, hashSecret } from "./secrets.js";
import type { TokenIdentity, TokenStore } from "./token-store.js";

/** A TokenStore stand-in that counts its calls (the Authenticator's cache is what is tested here). */
function fakeStore(tokens: Map<string, TokenIdentity>) {
  const calls = { count: 0, find: 0, touch: [] as string[] };
  let failing = false;
  const store = {
    async countLive() {
      calls.count++;
      if (failing) throw new Error("connect ECONNREFUSED");
      return tokens.size;
    },
    async findLive(hash: string) {
      calls.find++;
      if (failing) throw new Error("connect ECONNREFUSED");
      return tokens.get(hash) ?? null;
    },
    async findSession() {
      return null;
    },
    async touch(tokenId: string) {
      calls.touch.push(tokenId);
    },
  } as unknown as TokenStore;
  return { store, calls, fail: (on: boolean) => (failing = on) };
}

describe("Authenticator", () => {
  it("asks the database at most once per TTL, for known and unknown tokens alike, and touches a token once a minute", async () => {
    let now = 0;
    const secret = generateSecret();
    const { store, calls } = fakeStore(new Map([[hashSecret(secret), { tokenId: "t1", name: "a", scope: "read" }]]));
    const auth = new Authenticator(store, { mode: "auto", loopback: true, cacheTtlMs: 5000, now: () => now });
    const unknown = generateSecret();
    for (let i = 0; i < 10; i++) {
      expect(await auth.bearer(secret)).toMatchObject({ tokenId: "t1", via: "bearer" });
      expect(await auth.bearer(unknown)).toBeNull();
      expect(await auth.required()).toBe(true);
    }
    expect(calls).toMatchObject({ count: 1, find: 2, touch: ["t1"] });
    now = 5001;
    await auth.bearer(secret);
    expect(calls.find).toBe(3);
    expect(calls.touch).toEqual(["t1"]); // under a minute since the last write
    now = 60_001;
    await auth.bearer(secret);
    expect(calls.touch).toEqual(["t1", "t1"]);
  });

  it("keeps the last count of live tokens while the database is down, and fails when it never had one", async () => {
    let now = 0;
    const { store, fail } = fakeStore(new Map());
    const auth = new Authenticator(store, { mode: "auto", loopback: true, cacheTtlMs: 1000, now: () => now });
    expect(await auth.required()).toBe(false);
    fail(true);
    now = 2000;
    expect(await auth.required()).toBe(false);
    const cold = new Authenticator(store, { mode: "auto", loopback: true, now: () => now });
    await expect(cold.required()).rejects.toThrow(/ECONNREFUSED/);
    // Token lookups fail closed: the caller answers 503.
    await expect(auth.bearer(generateSecret())).rejects.toThrow(/ECONNREFUSED/);
  });

  it("needs no database at all when auth is open, or always required", async () => {
    const { store, calls } = fakeStore(new Map());
    expect(await new Authenticator(store, { mode: "open", loopback: false }).required()).toBe(false);
    expect(await new Authenticator(store, { mode: "required", loopback: true }).required()).toBe(true);
    expect(await new Authenticator(store, { mode: "auto", loopback: false }).required()).toBe(true);
    expect(calls.count).toBe(0);
  });

  it("refuses implausible credentials without a lookup", async () => {
    const { store, calls } = fakeStore(new Map());
    const auth = new Authenticator(store, { mode: "required", loopback: true });
    expect(await auth.bearer("x".repeat(513))).toBeNull();
    expect(await auth.bearer("tab\there")).toBeNull();
    expect(await auth.session("cw_not-a-session")).toBeNull();
    expect(calls.find).toBe(0);
  });
});
