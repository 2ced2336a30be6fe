import { EventParams, EventsPage, EventsQuery, Problem, StoredEvent } from "@closewatch/protocol";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { EventSearch } from "../services/event-search.js";

/** The events explorer: search raw close events page by page, and open one. */
export const eventsRoutes: FastifyPluginAsyncTypebox<{ search: EventSearch }> = async (app, { search }) => {
  app.get(
    "/api/events",
    {
      schema: {
        summary: "Close events matching the filters, newest first, one page at a time (pass nextCursor as cursor)",
        querystring: EventsQuery,
        response: { 200: EventsPage, 400: Problem },
      },
    },
    (request) => search.page(request.query),
  );

  app.get(
    "/api/events/:id",
    {
      schema: {
        summary: "One stored close event",
        params: EventParams,
        response: { 200: StoredEvent, 400: Problem, 404: Problem },
      },
    },
    (request) => search.byId(request.params.id),
  );
};
