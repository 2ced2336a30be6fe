import { createGunzip } from "node:zlib";
import { IngestAccepted, IngestBatch, IngestEvent, MAX_EVENTS_PER_BATCH, Problem } from "@closewatch/protocol";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { CollectorError } from "../errors.js";
import { partitionEvents } from "../services/event-checks.js";
import type { IngestService } from "../services/ingest-service.js";

/**
 * What the route validates as a whole: the envelope. Each event is checked
 * on its own (IngestEvent, same validator), so one bad event does not cost
 * the good ones their place; /docs still shows IngestBatch.
 */
const IngestEnvelope = Type.Object(
  { events: Type.Array(Type.Unknown(), { minItems: 1, maxItems: MAX_EVENTS_PER_BATCH }) },
  { additionalProperties: false },
);

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
        description:
          "Valid events are stored even when others in the batch are not; those are listed in `rejected`. " +
          "A batch with no valid event, or an invalid envelope, is answered 400 and nothing is stored.",
        body: IngestEnvelope,
        response: { 202: IngestAccepted, 400: Problem, 413: Problem, 415: Problem, 503: Problem },
      },
      config: { swaggerTransform: ({ schema, url }) => ({ schema: { ...schema, body: IngestBatch }, url }) },
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
      const check = request.compileValidationSchema(IngestEvent, "body");
      const { valid, rejected } = partitionEvents(request.body.events, (event) => (check(event) ? [] : (check.errors ?? [])));
      app.metrics.rejectedEvents.inc(rejected.length);
      if (valid.length === 0) {
        const errors = rejected.flatMap((r) => r.errors);
        throw new CollectorError("VALIDATION", errors.slice(0, 20).map((e) => `${e.path} ${e.message}`).join("; "), errors);
      }
      const result = await ingest.ingest(valid);
      app.metrics.duplicates.inc(result.duplicates);
      return reply.code(202).send(rejected.length > 0 ? { ...result, rejected } : result);
    },
  );
};
