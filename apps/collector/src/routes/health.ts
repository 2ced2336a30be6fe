import type { Database } from "@closewatch/db";
import type { FastifyPluginAsync } from "fastify";
import { problem, sendProblem } from "../errors.js";

/** Liveness says the process answers; readiness says it can store events. */
export const healthRoutes: FastifyPluginAsync<{ db: Database }> = async (app, { db }) => {
  app.get("/healthz", { schema: { hide: true } }, async () => ({ status: "ok" }));
  app.get("/readyz", { schema: { hide: true } }, async (request, reply) => {
    try {
      await db.ping();
      return { status: "ready", database: db.kind };
    } catch (error) {
      request.log.warn({ err: error }, "readiness check failed");
      return sendProblem(reply, problem("UNAVAILABLE", "the database does not answer"));
    }
  });
};
