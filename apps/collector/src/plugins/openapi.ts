import swagger from "@fastify/swagger";
import fp from "fastify-plugin";

/**
 * Collects every route's schema into an OpenAPI 3 document, served at GET /docs.
 * Registered before the routes so it sees them all; operational endpoints
 * (/metrics, health, the live socket) hide themselves with `schema.hide`.
 */
export const openapiPlugin = fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: "3.1.0",
        info: {
          title: "closewatch collector",
          description: "Ingest WebSocket close events and query why connections close. Errors are application/problem+json.",
          version: "0.1.0",
        },
        // When tokens are required (README, "Authentication"): a bearer token, or the dashboard's session cookie.
        components: {
          securitySchemes: {
            bearerToken: { type: "http", scheme: "bearer", description: "An API token: ingest for POST /v1/events, read for the reads, admin for everything" },
            sessionCookie: { type: "apiKey", in: "cookie", name: "closewatch_session", description: "Set by POST /api/session" },
          },
        },
        security: [{ bearerToken: [] }, { sessionCookie: [] }],
      },
    });
    app.get("/docs", { schema: { hide: true } }, async () => app.swagger());
  },
  { name: "closewatch-openapi" },
);
