import { describe, expect, it } from "vitest";
import { createAddressHasher, normalizeAddress } from "./client-address.js";

describe("client address hashes", () => {
  it("are 16 hex characters, stable under one key, different under another", () => {
    const a = createAddressHasher("key-one-0123456789");
    const b = createAddressHasher("key-two-0123456789");
    expect(a("203.0.113.7")).toMatch(/^[0-9a-f]{16}$/);
    expect(a("203.0.113.7")).toBe(a("203.0.113.7"));
    expect(a("203.0.113.7")).not.toBe(a("203.0.113.8"));
    expect(a("203.0.113.7")).not.toBe(b("203.0.113.7"));
  });

  it("hash an IPv4 client the same through a dual-stack socket", () => {
    const hash = createAddressHasher("key-one-0123456789");
    expect(normalizeAddress("::FFFF:203.0.113.7")).toBe("203.0.113.7");
    expect(hash("::ffff:203.0.113.7")).toBe(hash("203.0.113.7"));
    expect(normalizeAddress("2001:DB8::1")).toBe("2001:db8::1");
  });

  it("use a random key per process when none is given", () => {
    expect(createAddressHasher(undefined)("203.0.113.7")).not.toBe(createAddressHasher(undefined)("203.0.113.7"));
  });
});
