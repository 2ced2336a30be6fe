import fp from "fastify-plugin";
import { problem, sendProblem } from "../errors.js";

/**
 * While the collector shuts down, a request that still arrives (on a
 * keep-alive connection that was busy when the close began) is answered like
 * every other 503: problem+json with Retry-After, plus `Connection: close`.
 * Fastify's own answer (`return503OnClosing`, turned off in buildApp) is
 * plain JSON without Retry-After. Requests already in flight are finished.
 */
export const closingPlugin = fp(
  async (app) => {
    let closing = false;
    app.addHook("preClose", (done) => {
      closing = true;
      done();
    });
    app.addHook("onRequest", async (request, reply) => {
      if (!closing) return;
      reply.header("connection", "close").header("retry-after", "1");
      return sendProblem(reply, { ...problem("UNAVAILABLE", "the collector is shutting down; retry shortly"), instance: request.url });
    });
  },
  { name: "closewatch-closing" },
);
