import type { AddressInfo } from "node:net";
import type { AlertRuleInput } from "@closewatch/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { generateSecret } from "../src/auth/secrets.js";
import { TokenStore } from "../src/auth/token-store.js";
import { createTestCollector, ENGINES, makeEvent, type TestCollector } from "./support/engines.js";
import { bearer, createToken } from "./support/tokens.js";

/*
 * Every route group against every kind of credential, with CLOSEWATCH_AUTH=required:
 * none / malformed / unknown / revoked → 401, wrong scope → 403, right scope → 2xx.
 */

const rule: AlertRuleInput = {
  name: "matrix rule",
  codes: [1008],
  windowSeconds: 300,
  threshold: { kind: "count", value: 5 },
  minEvents: 1,
  forSeconds: 0,
  cooldownSeconds: 600,
  enabled: true,
};

type Group = "ingest" | "read" | "admin";
interface Call {
  group: Group;
  method: "GET" | "POST" | "PUT" | "DELETE";
  url: string | (() => string);
  body?: () => unknown;
}

describe.each(ENGINES)("auth matrix on %s", (engine) => {
  let c: TestCollector;
  const secrets = {} as Record<"ingest" | "read" | "admin" | "revoked", string>;
  let eventId: string;
  let ruleId: string;
  let base: string;

  beforeAll(async () => {
    c = await createTestCollector(engine, { CLOSEWATCH_AUTH: "required" });
    secrets.ingest = await createToken(c.db, "agents", "ingest");
    secrets.read = await createToken(c.db, "viewer", "read");
    secrets.admin = await createToken(c.db, "root", "admin");
    secrets.revoked = await createToken(c.db, "old", "admin");
    await new TokenStore(c.db).revoke("old");
    const event = makeEvent({ code: 1008 });
    eventId = event.id;
    expect((await c.app.inject({ method: "POST", url: "/v1/events", headers: bearer(secrets.admin), payload: { events: [event] } })).statusCode).toBe(202);
    const created = await c.app.inject({ method: "POST", url: "/api/alerts/rules", headers: bearer(secrets.admin), payload: rule });
    expect(created.statusCode).toBe(201);
    ruleId = created.json().id;
    base = await c.app.listen({ port: 0, host: "127.0.0.1" });
  });
  afterAll(async () => {
    await c?.close();
  });

  const calls: Call[] = [
    { group: "ingest", method: "POST", url: "/v1/events", body: () => ({ events: [makeEvent()] }) },
    ...[
      "/api/summary",
      "/api/timeseries",
      "/api/events",
      () => `/api/events/${eventId}`,
      "/api/services",
      "/api/sizes",
      "/api/insights",
      "/api/codes",
      "/api/alerts/rules",
      () => `/api/alerts/rules/${ruleId}`,
      "/api/alerts/firings",
      "/metrics",
      "/api/no-such-endpoint",
    ].map((url): Call => ({ group: "read", method: "GET", url })),
    { group: "admin", method: "POST", url: "/api/alerts/rules", body: () => ({ ...rule, name: "another" }) },
    { group: "admin", method: "PUT", url: () => `/api/alerts/rules/${ruleId}`, body: () => ({ ...rule, name: "renamed" }) },
    // Last: it deletes the rule the others use.
    { group: "admin", method: "DELETE", url: () => `/api/alerts/rules/${ruleId}` },
  ];
  const send = (call: Call, headers: Record<string, string>) =>
    c.app.inject({
      method: call.method,
      url: typeof call.url === "string" ? call.url : call.url(),
      headers,
      ...(call.body ? { payload: call.body() as object } : {}),
    });
  const label = (call: Call) => `${call.method} ${typeof call.url === "string" ? call.url : call.url.toString().replace(/^.*`(.*)`.*$/s, "$1")}`;

  const unauthenticated: [string, () => Record<string, string>][] = [
    ["no token", () => ({})],
    ["a malformed header", () => ({ authorization: `Basic ${Buffer.from("a:b").toString("base64")}` })],
    ["an empty bearer", () => ({ authorization: "Bearer " })],
    ["an unknown token", () => bearer(generateSecret())],
    ["a revoked token", () => bearer(secrets.revoked)],
    ["an unknown session cookie", () => ({ cookie: `closewatch_session=${generateSecret("cws_")}` })],
  ];

  it.each(calls.map((call) => [label(call), call] as const))("%s: 401 without a valid token, 403 with the wrong scope, 2xx with the right one", async (_name, call) => {
    for (const [what, headers] of unauthenticated) {
      const res = await send(call, headers());
      expect(res.statusCode, `${what}`).toBe(401);
      expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(res.json().code).toBe("COLLECTOR_ERR_UNAUTHORIZED");
      expect(res.headers["www-authenticate"]).toMatch(/^Bearer realm="closewatch"/);
    }
    const wrong: Group[] = call.group === "ingest" ? ["read"] : call.group === "read" ? ["ingest"] : ["ingest", "read"];
    for (const scope of wrong) {
      const res = await send(call, bearer(secrets[scope]));
      expect(res.statusCode, `${scope} token`).toBe(403);
      expect(res.json().code).toBe("COLLECTOR_ERR_FORBIDDEN");
      expect(res.headers["www-authenticate"]).toContain('error="insufficient_scope"');
    }
    // The right scope, and admin (which implies the others).
    const right: Group[] = call.group === "admin" ? ["admin"] : [call.group, "admin"];
    for (const scope of right) {
      if (call.method === "DELETE" && scope === "admin" && right.length > 1) continue;
      const res = await send(call, bearer(secrets[scope]));
      if (label(call) === "GET /api/no-such-endpoint") expect(res.statusCode, `${scope} token`).toBe(404);
      else expect(res.statusCode, `${scope} token: ${res.body.slice(0, 200)}`).toBeLessThan(300);
    }
  });

  it("leaves health, readiness, the OpenAPI document and the session endpoint open", async () => {
    for (const url of ["/healthz", "/readyz", "/docs", "/api/session"]) {
      expect((await c.app.inject(url)).statusCode, url).toBe(200);
    }
    // The dashboard's page and assets are open too (a 404 problem here: this collector serves no build).
    const page = await c.app.inject("/events");
    expect(page.statusCode).not.toBe(401);
  });

  it("authenticates the live socket on upgrade: 401 without a token, 403 with an ingest token, open with a read token", async () => {
    const url = `${base.replace("http", "ws")}/api/live`;
    const status = (headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const ws = new WebSocket(url, { headers });
        ws.on("unexpected-response", (_req, res) => {
          resolve(res.statusCode ?? 0);
          ws.terminate();
        });
        ws.on("open", () => {
          resolve(101);
          ws.close(1000);
        });
        ws.on("error", (error) => reject(error));
      });
    expect(await status({})).toBe(401);
    expect(await status(bearer(secrets.revoked))).toBe(401);
    expect(await status(bearer(secrets.ingest))).toBe(403);
    expect(await status(bearer(secrets.read))).toBe(101);
    expect(await status(bearer(secrets.admin))).toBe(101);
  });

  it("never lets a token in the query string count", async () => {
    const res = await c.app.inject(`/api/summary?token=${secrets.admin}&access_token=${secrets.admin}`);
    expect(res.statusCode).toBe(401);
  });

  it("checks the route, not the spelling of the path", async () => {
    // Percent-encoded and doubled paths either reach the route (and its scope) or no route at all.
    for (const url of ["/%61pi/summary", "/api/%73ummary", "//api/summary", "/API/summary"]) {
      const res = await c.app.inject(url);
      // Not an API path: the dashboard's page (index.html), or a 404; never data.
      if (res.statusCode === 200) expect(res.headers["content-type"], url).toMatch(/^text\/html/);
      else expect([401, 404], url).toContain(res.statusCode);
    }
    expect((c.app.server.address() as AddressInfo).port).toBeGreaterThan(0);
  });
});
