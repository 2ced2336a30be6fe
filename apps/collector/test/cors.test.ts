import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestCollector, type TestCollector } from "./support/engines.js";
import { bearer, createToken } from "./support/tokens.js";

const PORTAL = "https://portal.example.com";
const preflight = (origin: string, method = "GET", headers = "authorization") => ({
  method: "OPTIONS" as const,
  url: "/api/summary",
  headers: { origin, "access-control-request-method": method, "access-control-request-headers": headers },
});

describe("CORS, closed by default", () => {
  let c: TestCollector;
  beforeAll(async () => {
    c = await createTestCollector("PGlite");
  });
  afterAll(async () => {
    await c?.close();
  });

  it("lets no other site's page read the API, and answers no preflight", async () => {
    const read = await c.app.inject({ url: "/api/summary", headers: { origin: PORTAL } });
    expect(read.statusCode).toBe(200);
    expect(read.headers["access-control-allow-origin"]).toBeUndefined();
    const pre = await c.app.inject(preflight(PORTAL));
    expect(pre.headers["access-control-allow-origin"]).toBeUndefined();
    expect(pre.headers["access-control-allow-methods"]).toBeUndefined();
  });
});

describe("CORS with CLOSEWATCH_CORS_ORIGINS (auth required)", () => {
  let c: TestCollector;
  let token: string;
  beforeAll(async () => {
    c = await createTestCollector("PGlite", { CLOSEWATCH_AUTH: "required", CLOSEWATCH_CORS_ORIGINS: `${PORTAL}, http://localhost:3000` });
    token = await createToken(c.db, "portal", "read");
  });
  afterAll(async () => {
    await c?.close();
  });

  it("answers a listed origin's preflight without a token, allowing GET with a bearer token and no cookies", async () => {
    const res = await c.app.inject(preflight(PORTAL));
    expect(res.statusCode).toBe(204);
    expect(res.headers["access-control-allow-origin"]).toBe(PORTAL);
    expect(res.headers["access-control-allow-methods"]).toBe("GET, HEAD");
    expect(res.headers["access-control-allow-headers"]).toBe("authorization, content-type");
    expect(res.headers["access-control-allow-credentials"]).toBeUndefined();
  });

  it("lets the listed origin read with its token, and still needs the token", async () => {
    const ok = await c.app.inject({ url: "/api/summary", headers: { origin: "http://localhost:3000", ...bearer(token) } });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers["access-control-allow-origin"]).toBe("http://localhost:3000");
    expect(ok.headers.vary).toMatch(/Origin/);
    const anonymous = await c.app.inject({ url: "/api/summary", headers: { origin: PORTAL } });
    expect(anonymous.statusCode).toBe(401);
  });

  it("gives an origin that is not listed nothing to read", async () => {
    const read = await c.app.inject({ url: "/api/summary", headers: { origin: "https://evil.example", ...bearer(token) } });
    expect(read.headers["access-control-allow-origin"]).toBeUndefined();
    const pre = await c.app.inject(preflight("https://portal.example.com.evil.example"));
    expect(pre.headers["access-control-allow-origin"]).toBeUndefined();
  });
});
