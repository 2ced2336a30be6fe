import { Problem, QueryFilters, Summary, Timeseries, TimeseriesQuery } from "@closewatch/protocol";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { QueryService } from "../services/query-service.js";

/** Read API used by the dashboard (and anyone with curl): counts and series. Events are in routes/events.ts. */
export const queryRoutes: FastifyPluginAsyncTypebox<{ queries: QueryService }> = async (app, { queries }) => {
  app.get(
    "/api/summary",
    { schema: { summary: "Close counts by code and cause", querystring: QueryFilters, response: { 200: Summary, 400: Problem } } },
    (request) => queries.summary(request.query),
  );

  app.get(
    "/api/timeseries",
    {
      schema: {
        summary: "Closes per time bucket by code",
        querystring: TimeseriesQuery,
        response: { 200: Timeseries, 400: Problem },
      },
    },
    (request) => queries.timeseries(request.query),
  );
};
