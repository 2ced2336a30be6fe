import { describe, expect, it } from "vitest";
import { grants, requiredScope } from "./scopes.js";
import { isLoopback } from "./secrets.js";

describe("scopes", () => {
  it("admin implies read and ingest; read and ingest imply nothing else", () => {
    expect(["ingest", "read", "admin"].map((n) => grants("admin", n as "read"))).toEqual([true, true, true]);
    expect(["ingest", "read", "admin"].map((n) => grants("read", n as "read"))).toEqual([false, true, false]);
    expect(["ingest", "read", "admin"].map((n) => grants("ingest", n as "read"))).toEqual([true, false, false]);
  });

  it("maps routes to the scope they need", () => {
    expect(requiredScope("POST", "/v1/events")).toBe("ingest");
    expect(requiredScope("GET", "/api/summary")).toBe("read");
    expect(requiredScope("HEAD", "/api/summary")).toBe("read");
    expect(requiredScope("GET", "/api/live")).toBe("read");
    expect(requiredScope("GET", "/metrics")).toBe("read");
    expect(requiredScope("POST", "/api/alerts/rules")).toBe("admin");
    expect(requiredScope("DELETE", "/api/alerts/rules/:id")).toBe("admin");
    for (const open of ["/healthz", "/readyz", "/docs", "/", "/events", "/assets/index-abc.js", "/api/session"]) expect(requiredScope("GET", open)).toBeNull();
    expect(requiredScope("POST", "/api/session")).toBeNull();
  });
});

describe("isLoopback", () => {
  it.each([
    ["127.0.0.1", true],
    ["127.1.2.3", true],
    ["localhost", true],
    ["::1", true],
    ["[::1]", true],
    ["::ffff:127.0.0.1", true],
    ["0.0.0.0", false],
    ["::", false],
    ["192.168.1.10", false],
    ["example.com", false],
  ])("%s → %s", (host, loopback) => {
    expect(isLoopback(host)).toBe(loopback);
  });
});
