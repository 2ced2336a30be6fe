import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { TokenStore } from "../src/auth/token-store.js";
import { createTestCollector, ENGINES, makeEvent, type TestCollector } from "./support/engines.js";
import { bearer, createToken } from "./support/tokens.js";

/** The session cookie from a Set-Cookie header: `closewatch_session=…`. */
function sessionCookie(setCookie: string | string[] | undefined): string {
  const header = [setCookie ?? []].flat().find((c) => c.startsWith("closewatch_session="));
  if (!header) throw new Error(`no session cookie in ${JSON.stringify(setCookie)}`);
  return header.split(";")[0]!;
}

describe.each(ENGINES)("dashboard sessions on %s", (engine) => {
  let c: TestCollector;
  let read: string;
  let ingest: string;
  let base: string;

  beforeAll(async () => {
    c = await createTestCollector(engine, {}, { authCacheTtlMs: 200 });
    read = await createToken(c.db, "viewer", "read");
    ingest = await createToken(c.db, "agents", "ingest");
    base = await c.app.listen({ port: 0, host: "127.0.0.1" });
  });
  afterAll(async () => {
    await c?.close();
  });

  const signIn = (token: string, headers: Record<string, string> = {}) =>
    c.app.inject({ method: "POST", url: "/api/session", payload: { token }, headers });

  it("tells the dashboard that auth is required once a token exists (CLOSEWATCH_AUTH=auto)", async () => {
    expect((await c.app.inject("/api/session")).json()).toEqual({ auth: "required", signedIn: false, via: null, name: null, scope: null });
    expect((await c.app.inject("/api/summary")).statusCode).toBe(401);
  });

  it("signs in with a read token: an HttpOnly, SameSite=Strict cookie on / that reads the API and holds no token", async () => {
    const res = await signIn(read);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ auth: "required", signedIn: true, via: "cookie", name: "viewer", scope: "read" });
    const header = String(res.headers["set-cookie"]);
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Strict/);
    expect(header).toMatch(/Path=\//);
    expect(header).not.toMatch(/Secure/);
    expect(header).not.toContain(read);
    const cookie = sessionCookie(res.headers["set-cookie"]);
    expect(cookie).toMatch(/^closewatch_session=cws_[A-Za-z0-9_-]{43}$/);
    expect((await c.app.inject({ url: "/api/summary", headers: { cookie } })).statusCode).toBe(200);
    expect((await c.app.inject({ url: "/api/session", headers: { cookie } })).json()).toMatchObject({ signedIn: true, via: "cookie", scope: "read" });
    // A read session cannot change settings or ingest.
    expect((await c.app.inject({ method: "POST", url: "/v1/events", headers: { cookie }, payload: { events: [makeEvent()] } })).statusCode).toBe(403);
  });

  it("marks the cookie Secure when the request came over https (X-Forwarded-Proto from a trusted proxy)", async () => {
    const behindProxy = await createTestCollector("PGlite", { CLOSEWATCH_TRUST_PROXY: "127.0.0.1" });
    try {
      const token = await createToken(behindProxy.db, "viewer", "read");
      const res = await behindProxy.app.inject({ method: "POST", url: "/api/session", payload: { token }, headers: { "x-forwarded-proto": "https" } });
      expect(String(res.headers["set-cookie"])).toMatch(/; Secure/);
    } finally {
      await behindProxy.close();
    }
  });

  it("refuses ingest tokens, unknown tokens and bodies that are not a token", async () => {
    expect((await signIn(ingest)).json().code).toBe("COLLECTOR_ERR_FORBIDDEN");
    const unknown = await signIn("cw_nope");
    expect(unknown.statusCode).toBe(401);
    expect(unknown.headers["set-cookie"]).toBeUndefined();
    expect((await c.app.inject({ method: "POST", url: "/api/session", payload: {} })).statusCode).toBe(400);
  });

  it("authenticates the live socket with the cookie, and signing out ends the session everywhere at once", async () => {
    const cookie = sessionCookie((await signIn(read)).headers["set-cookie"]);
    const hello = await new Promise<string>((resolve, reject) => {
      const ws = new WebSocket(`${base.replace("http", "ws")}/api/live`, { headers: { cookie } });
      ws.once("message", (data) => {
        resolve(String(data));
        ws.close(1000);
      });
      ws.once("unexpected-response", (_req, res) => reject(new Error(`live answered ${res.statusCode}`)));
      ws.once("error", reject);
    });
    expect(JSON.parse(hello).type).toBe("hello");

    const out = await c.app.inject({ method: "DELETE", url: "/api/session", headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers["set-cookie"])).toMatch(/closewatch_session=;.*Expires=Thu, 01 Jan 1970/);
    const after = await c.app.inject({ url: "/api/summary", headers: { cookie } });
    expect(after.statusCode).toBe(401);
    expect(after.json().detail).toMatch(/session has ended/);
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${base.replace("http", "ws")}/api/live`, { headers: { cookie } });
      ws.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
      ws.once("open", () => resolve(101));
      ws.once("error", () => {});
    });
    expect(status).toBe(401);
  });

  it("ends every session of a revoked token within the cache TTL", async () => {
    const admin = await createToken(c.db, "temp-admin", "admin");
    const cookie = sessionCookie((await signIn(admin)).headers["set-cookie"]);
    expect((await c.app.inject({ url: "/api/summary", headers: { cookie } })).statusCode).toBe(200);
    await new TokenStore(c.db).revoke("temp-admin");
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await c.app.inject({ url: "/api/summary", headers: { cookie } })).statusCode).toBe(401);
    expect((await c.app.inject({ url: "/api/summary", headers: bearer(admin) })).statusCode).toBe(401);
  });

  it("closes open live sockets (1008) once their token is revoked or their session ends", async () => {
    const temp = await createToken(c.db, "live-temp", "read");
    const cookie = sessionCookie((await signIn(read)).headers["set-cookie"]);
    const open = (headers: Record<string, string>) =>
      new Promise<{ closed: Promise<number> }>((resolve, reject) => {
        const ws = new WebSocket(`${base.replace("http", "ws")}/api/live`, { headers });
        const closed = new Promise<number>((done) => ws.once("close", (code) => done(code)));
        ws.once("open", () => resolve({ closed }));
        ws.once("unexpected-response", (_req, res) => reject(new Error(`live answered ${res.statusCode}`)));
        ws.on("error", () => {});
      });
    const byToken = await open(bearer(temp));
    const bySession = await open({ cookie });
    const started = Date.now();
    await new TokenStore(c.db).revoke("live-temp");
    await c.app.inject({ method: "DELETE", url: "/api/session", headers: { cookie } });
    expect(await byToken.closed).toBe(1008);
    expect(await bySession.closed).toBe(1008);
    // Cache TTL and recheck interval are both 200 ms here (5 s by default).
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("prefers the bearer header over the cookie", async () => {
    const cookie = sessionCookie((await signIn(read)).headers["set-cookie"]);
    const res = await c.app.inject({ method: "POST", url: "/v1/events", headers: { cookie, ...bearer(ingest) }, payload: { events: [makeEvent()] } });
    expect(res.statusCode).toBe(202);
  });
});

describe("auth modes (PGlite)", () => {
  it("auto on loopback with no token is open; a token created while running turns auth on within the TTL", async () => {
    const c = await createTestCollector("PGlite", {}, { authCacheTtlMs: 200 });
    try {
      expect((await c.app.inject("/api/summary")).statusCode).toBe(200);
      expect((await c.app.inject("/api/session")).json().auth).toBe("open");
      const token = await createToken(c.db, "first", "read");
      await new Promise((resolve) => setTimeout(resolve, 250));
      expect((await c.app.inject("/api/summary")).statusCode).toBe(401);
      expect((await c.app.inject({ url: "/api/summary", headers: bearer(token) })).statusCode).toBe(200);
    } finally {
      await c.close();
    }
  });

  it("required with no token answers 401 to everything but health, docs and the dashboard's files", async () => {
    const c = await createTestCollector("PGlite", { CLOSEWATCH_AUTH: "required" });
    try {
      expect((await c.app.inject("/api/summary")).statusCode).toBe(401);
      expect((await c.app.inject("/metrics")).statusCode).toBe(401);
      expect((await c.app.inject({ method: "POST", url: "/v1/events", payload: { events: [makeEvent()] } })).statusCode).toBe(401);
      for (const url of ["/healthz", "/readyz", "/docs"]) expect((await c.app.inject(url)).statusCode, url).toBe(200);
    } finally {
      await c.close();
    }
  });

  it("open ignores tokens altogether, even when some exist", async () => {
    const c = await createTestCollector("PGlite", { CLOSEWATCH_AUTH: "open" });
    try {
      await createToken(c.db, "unused", "ingest");
      expect((await c.app.inject("/api/summary")).statusCode).toBe(200);
      expect((await c.app.inject({ url: "/api/summary", headers: { authorization: "Bearer whatever" } })).statusCode).toBe(200);
    } finally {
      await c.close();
    }
  });
});
