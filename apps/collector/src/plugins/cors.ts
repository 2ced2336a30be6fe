import cors from "@fastify/cors";
import fp from "fastify-plugin";

export interface CorsOptions {
  /** Exact origins (`https://portal.example.com`) whose pages may read the API; empty: none. */
  origins: readonly string[];
}

/**
 * CORS stays closed unless origins are configured: without an
 * Access-Control-Allow-Origin, other sites' pages cannot read the API with a
 * visitor's browser. A listed origin may read (GET/HEAD) with a bearer token;
 * cookies are never allowed cross-origin, so a dashboard session cannot be
 * ridden from another site, and nothing is written cross-origin.
 */
export const corsPlugin = fp<CorsOptions>(
  async (app, { origins }) => {
    if (origins.length === 0) return;
    await app.register(cors, {
      origin: [...origins],
      methods: ["GET", "HEAD"],
      allowedHeaders: ["authorization", "content-type"],
      credentials: false,
      maxAge: 600,
      // A preflight for another method or origin gets no allow headers, and the browser refuses.
      strictPreflight: true,
    });
  },
  { name: "closewatch-cors" },
);
