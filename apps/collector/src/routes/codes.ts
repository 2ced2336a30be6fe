import { listCodes } from "@closewatch/close-codes";
import { CodesResponse } from "@closewatch/protocol";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";

/** GET /api/codes: the close-code knowledge base. It only changes with a release, so clients may cache it. */
export const codesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const body: CodesResponse = { codes: [...listCodes()] };
  app.get(
    "/api/codes",
    { schema: { summary: "Every close code and cause closewatch knows, with meanings and fix hints", response: { 200: CodesResponse } } },
    async (_request, reply) => {
      reply.header("cache-control", "public, max-age=3600");
      return body;
    },
  );
};
