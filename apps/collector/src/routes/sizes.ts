import { Problem, SizesQuery, SizesResponse } from "@closewatch/protocol";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { SizeDistributions } from "../services/size-distribution.js";

/** GET /api/sizes: how big the messages behind size-limit closes were, per enforced limit. */
export const sizesRoutes: FastifyPluginAsyncTypebox<{ sizes: SizeDistributions }> = async (app, { sizes }) => {
  app.get(
    "/api/sizes",
    {
      schema: {
        summary: "Recorded message sizes of size-limit closes (1009 unless `code` says otherwise), per enforced limit",
        querystring: SizesQuery,
        response: { 200: SizesResponse, 400: Problem },
      },
    },
    (request) => sizes.sizes(request.query),
  );
};
