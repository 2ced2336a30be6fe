import { InsightsQuery, InsightsResponse, Problem } from "@closewatch/protocol";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { InsightsService } from "../insights/insights-service.js";

/** GET /api/insights: ranked findings with the evidence and the fix. */
export const insightsRoutes: FastifyPluginAsyncTypebox<{ insights: InsightsService }> = async (app, { insights }) => {
  app.get(
    "/api/insights",
    {
      schema: {
        summary: "Ranked findings: which limits closes hit, by how much, what changed, and what to do",
        querystring: InsightsQuery,
        response: { 200: InsightsResponse, 400: Problem },
      },
    },
    (request) => insights.insights(request.query),
  );
};
