import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import fastifyStatic from "@fastify/static";
import fp from "fastify-plugin";
import { problem, sendProblem } from "../errors.js";

/** Paths that belong to the API: never answered with the dashboard's index.html. */
const API_PREFIXES = ["/api/", "/v1/", "/metrics", "/healthz", "/readyz", "/docs"];

/** Where `npm run build` puts the dashboard, found through the workspace package. */
export function defaultDashboardDir(): string {
  const pkg = createRequire(import.meta.url).resolve("@closewatch/dashboard/package.json");
  return join(dirname(pkg), "dist");
}

/**
 * Serves the dashboard build at `/`, with index.html for client-side routes.
 * Unknown API paths still get a problem+json 404.
 */
export const dashboardPlugin = fp<{ dir: string | undefined }>(
  async (app, { dir }) => {
    const root = dir ?? defaultDashboardDir();
    const built = existsSync(join(root, "index.html"));
    if (built) {
      await app.register(fastifyStatic, { root, wildcard: false, index: ["index.html"] });
    } else {
      app.log.warn({ root }, "dashboard build not found; run `npm run build` to serve it at /");
    }

    app.setNotFoundHandler((request, reply) => {
      const path = request.url.split("?")[0] ?? "/";
      // A missing build asset (an old hash after a redeploy) is a 404, not index.html: served as a
      // script, HTML only produces a confusing MIME-type error in the browser.
      const wantsPage =
        request.method === "GET" && !API_PREFIXES.some((p) => path.startsWith(p)) && !path.startsWith("/assets/");
      if (wantsPage && built) return reply.type("text/html").sendFile("index.html");
      return sendProblem(reply, { ...problem("NOT_FOUND", `${request.method} ${path} does not exist`), instance: path });
    });
  },
  { name: "closewatch-dashboard" },
);
