import { Problem, ServicesQuery, ServicesResponse } from "@closewatch/protocol";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { ServiceOverview } from "../services/service-overview.js";

/** GET /api/services: closes per service and route, with their codes and top cause. */
export const servicesRoutes: FastifyPluginAsyncTypebox<{ overview: ServiceOverview }> = async (app, { overview }) => {
  app.get(
    "/api/services",
    {
      schema: {
        summary: "Closes per service and route: totals, rate, codes and the most frequent cause of abnormal closes",
        querystring: ServicesQuery,
        response: { 200: ServicesResponse, 400: Problem },
      },
    },
    (request) => overview.rows(request.query),
  );
};
