import cookie from "@fastify/cookie";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import rateLimit from "@fastify/rate-limit";
import { Problem, SessionInfo, SessionInput } from "@closewatch/protocol";
import type { FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { Type } from "typebox";
import type { Authenticator, Principal } from "../auth/authenticator.js";
import { grants, rateLimitGroup, requiredScope, SESSION_PATH, type Scope } from "../auth/scopes.js";
import { generateSecret, hashSecret, SESSION_PREFIX } from "../auth/secrets.js";
import type { TokenStore } from "../auth/token-store.js";
import type { CollectorConfig } from "../config.js";
import { CollectorError } from "../errors.js";

/** The dashboard's session cookie: an opaque random secret, never the token it was signed in with. */
export const SESSION_COOKIE = "closewatch_session";

declare module "fastify" {
  interface FastifyRequest {
    /** The token behind the request; null when the request needed none (open route, or auth off). */
    principal: Principal | null;
  }
  interface FastifyInstance {
    authenticator: Authenticator;
  }
}

export interface AuthPluginOptions {
  config: CollectorConfig;
  store: TokenStore;
  authenticator: Authenticator;
  /** Default one minute: the budgets are per minute. */
  rateLimitWindowMs?: number;
}

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/**
 * A token lookup that fails (the database is down) is a 503 like any other
 * storage outage, so agents retry: it was a 500 (seen in the PostgreSQL
 * outage test, where the first lookup after the cache expired failed).
 */
async function lookup<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw new CollectorError("UNAVAILABLE", "the database cannot be reached to check the token or session; retry later", undefined, { cause: error });
  }
}

/** RFC 6750: every 401 says how to authenticate; `error` says what was wrong with the token sent. */
function unauthorized(reply: FastifyReply, detail: string, invalidToken: boolean): CollectorError {
  reply.header("www-authenticate", invalidToken ? 'Bearer realm="closewatch", error="invalid_token"' : 'Bearer realm="closewatch"');
  return new CollectorError("UNAUTHORIZED", detail);
}

function forbidden(reply: FastifyReply, principal: Principal, needed: Scope): CollectorError {
  reply.header("www-authenticate", `Bearer realm="closewatch", error="insufficient_scope", scope="${needed}"`);
  const what = needed === "admin" ? "changing settings (alert rules) needs an admin token" : needed === "read" ? "reading needs a read or admin token" : "sending events needs an ingest or admin token";
  return new CollectorError("FORBIDDEN", `token "${principal.name}" has scope ${principal.scope}; ${what}`);
}

/**
 * Authentication (bearer tokens and the dashboard's session cookie), scopes
 * and per-token rate limits. Runs first on every request, before its body is
 * read: a request without the right token costs one cached lookup. Which
 * routes need which scope is decided in one place, auth/scopes.ts, from the
 * route's pattern (so encoded or odd paths cannot slip past it).
 */
export const authPlugin = fp<AuthPluginOptions>(
  async (root, { config, store, authenticator, rateLimitWindowMs = 60_000 }) => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    await app.register(cookie);
    app.decorateRequest("principal", null);
    app.decorate("authenticator", authenticator);

    /** The request's credential, if it sent one: the bearer header wins over the cookie. */
    const identify = async (request: FastifyRequest): Promise<{ principal: Principal | null; sent: "bearer" | "cookie" | "malformed" | null }> => {
      const header = request.headers.authorization;
      if (header !== undefined) {
        const match = BEARER.exec(header);
        if (!match) return { principal: null, sent: "malformed" };
        return { principal: await lookup(authenticator.bearer(match[1]!)), sent: "bearer" };
      }
      const session = request.cookies[SESSION_COOKIE];
      if (session) return { principal: await lookup(authenticator.session(session)), sent: "cookie" };
      return { principal: null, sent: null };
    };

    // A refused WebSocket upgrade (401, 403, 429) is answered on the raw
    // socket; @fastify/websocket only closes sockets its own onRequest hook
    // saw, which runs after this one, so without this the socket stayed open
    // (and held the collector's close open).
    app.addHook("onResponse", async (request, reply) => {
      if (request.headers.upgrade !== undefined && reply.statusCode !== 101) request.raw.socket?.destroy();
    });

    app.addHook("onRequest", async (request, reply) => {
      const path = request.routeOptions.url ?? request.url.split("?")[0]!;
      const needed = requiredScope(request.method, path);
      if (needed === null || !(await lookup(authenticator.required()))) return;
      const { principal, sent } = await identify(request);
      if (!principal) {
        if (sent === null) throw unauthorized(reply, "this endpoint needs an API token: send `Authorization: Bearer <token>`, or sign in to the dashboard", false);
        if (sent === "malformed") throw unauthorized(reply, "the Authorization header must be `Bearer <token>`", true);
        if (sent === "cookie") throw unauthorized(reply, "the dashboard session has ended (signed out, expired, or its token was revoked); sign in again", true);
        throw unauthorized(reply, "the token is not valid: unknown, or revoked", true);
      }
      if (!grants(principal.scope, needed)) throw forbidden(reply, principal, needed);
      request.principal = principal;
    });

    // Budgets per token (per client address when the request carries none, or
    // auth is off): one for ingest, one shared by every read and write of the
    // API. Assigned to routes here, from the same table as the scopes.
    const budgets = { ingest: config.rateLimitIngestPerMin, read: config.rateLimitReadPerMin };
    app.addHook("onRoute", (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      const group = rateLimitGroup(methods[0]!, route.url);
      if (group === null || budgets[group] === 0) return;
      route.config = { ...(route.config as object), rateLimit: { max: budgets[group], timeWindow: rateLimitWindowMs, groupId: group } };
    });
    await app.register(rateLimit, {
      global: false,
      keyGenerator: (request) => (request.principal ? `token:${request.principal.tokenId}` : `ip:${request.ip}`),
      errorResponseBuilder: (request, context) =>
        new CollectorError(
          "RATE_LIMITED",
          `more than ${context.max} requests in ${rateLimitWindowMs / 1000} s from this ${request.principal ? "token" : "client address"}; retry in ${context.after}`,
        ),
    });

    app.get(
      SESSION_PATH,
      { schema: { summary: "Whether the API needs a token, and who the caller is (open to all)", response: { 200: SessionInfo } } },
      async (request): Promise<SessionInfo> => {
        const required = await lookup(authenticator.required());
        const { principal } = await identify(request);
        return {
          auth: required ? "required" : "open",
          signedIn: principal !== null,
          via: principal?.via ?? null,
          name: principal?.name ?? null,
          scope: principal?.scope ?? null,
        };
      },
    );

    app.post(
      SESSION_PATH,
      {
        schema: {
          summary: "Sign in to the dashboard: a read or admin token buys an HttpOnly session cookie",
          body: SessionInput,
          response: { 200: SessionInfo, 400: Problem, 401: Problem, 403: Problem, 429: Problem },
        },
      },
      async (request, reply): Promise<SessionInfo> => {
        const principal = await lookup(authenticator.bearer(request.body.token));
        if (!principal) throw unauthorized(reply, "the token is not valid: unknown, or revoked", true);
        if (!grants(principal.scope, "read")) {
          throw new CollectorError("FORBIDDEN", `token "${principal.name}" has scope ${principal.scope}, which cannot read; sign in with a read or admin token`);
        }
        const secret = generateSecret(SESSION_PREFIX);
        const expiresAt = new Date(Date.now() + config.sessionTtlMs);
        await lookup(store.createSession(principal.tokenId, hashSecret(secret), expiresAt));
        reply.setCookie(SESSION_COOKIE, secret, {
          httpOnly: true,
          sameSite: "strict",
          path: "/",
          secure: request.protocol === "https",
          expires: expiresAt,
        });
        return {
          auth: (await lookup(authenticator.required())) ? "required" : "open",
          signedIn: true,
          via: "cookie",
          name: principal.name,
          scope: principal.scope,
          expiresAt: expiresAt.toISOString(),
        };
      },
    );

    app.delete(
      SESSION_PATH,
      { schema: { summary: "Sign out: ends the session and clears its cookie", response: { 204: Type.Null({ description: "Signed out" }) } } },
      async (request, reply) => {
        const secret = request.cookies[SESSION_COOKIE];
        if (secret) {
          await lookup(store.deleteSession(hashSecret(secret)));
          authenticator.forgetSession(secret);
        }
        reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: "strict", path: "/", secure: request.protocol === "https" });
        return reply.code(204).send(null);
      },
    );
  },
  { name: "closewatch-auth" },
);
