import { createGunzip } from "node:zlib";
import { IngestAccepted, IngestBatch, Problem } from "@closewatch/protocol";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { CollectorError } from "../errors.js";
import type { IngestService } from "../services/ingest-service.js";

/** A gunzip stream that reports the compressed bytes it read, so Fastify checks both sizes. */
function gunzipCounting(payload: NodeJS.ReadableStream) {
  const gunzip = Object.assign(createGunzip(), { receivedEncodedLength: 0 });
  payload.on("data", (chunk: Buffer) => {
    gunzip.receivedEncodedLength += chunk.length;
  });
  payload.on("error", (error) => gunzip.destroy(error));
  payload.pipe(gunzip);
  return gunzip;
}

/** POST /v1/events: agents ship batches here (JSON, optionally gzip). */
export const ingestRoutes: FastifyPluginAsyncTypebox<{ ingest: IngestService }> = async (app, { ingest }) => {
  app.post(
    "/v1/events",
    {
      schema: {
        summary: "Ingest a batch of close events",
        body: IngestBatch,
        response: { 202: IngestAccepted, 400: Problem, 413: Problem, 415: Problem, 503: Problem },
      },
      // The body limit applies to the decompressed bytes, which defuses gzip bombs.
      onResponse: async (_request, reply) => {
        const status = reply.statusCode;
        app.metrics.ingestRequests.inc({ outcome: status < 300 ? "accepted" : status < 500 ? "rejected" : "failed" });
      },
      preParsing: async (request, _reply, payload) => {
        const encoding = (request.headers["content-encoding"] ?? "identity").toLowerCase();
        if (encoding === "identity") return payload;
        if (encoding === "gzip") return gunzipCounting(payload);
        throw new CollectorError("UNSUPPORTED_MEDIA_TYPE", `Content-Encoding "${encoding}" is not supported; use gzip or none`);
      },
    },
    async (request, reply) => {
      const result = await ingest.ingest(request.body.events);
      app.metrics.duplicates.inc(result.duplicates);
      return reply.code(202).send(result);
    },
  );
};
