import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Problem } from "@closewatch/protocol";

/**
 * Every error code the collector answers with. The error table in the README
 * lists the same codes; tests check that each one is reachable.
 */
export const ErrorCodes = {
  VALIDATION: { status: 400, title: "Request does not match the schema" },
  MALFORMED_BODY: { status: 400, title: "Request body could not be parsed" },
  UNAUTHORIZED: { status: 401, title: "Authentication required" },
  FORBIDDEN: { status: 403, title: "The token's scope does not allow this" },
  NOT_FOUND: { status: 404, title: "No such resource" },
  BODY_TOO_LARGE: { status: 413, title: "Request body too large" },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: "Unsupported media type or encoding" },
  RATE_LIMITED: { status: 429, title: "Too many requests" },
  UNAVAILABLE: { status: 503, title: "Storage is unavailable" },
  QUEUE_FULL: { status: 503, title: "Ingest queue is full" },
  INTERNAL: { status: 500, title: "Internal error" },
} as const;

export type ErrorCode = keyof typeof ErrorCodes;

/** An error the collector raises on purpose; it becomes a problem+json answer. */
export class CollectorError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    /** Field problems, listed in the body's `errors` (at most 100). */
    readonly errors?: Problem["errors"],
    options?: ErrorOptions,
  ) {
    super(detail ?? ErrorCodes[code].title, options);
  }
}

export function problem(code: ErrorCode, detail?: string, errors?: Problem["errors"]): Problem {
  const { status, title } = ErrorCodes[code];
  return {
    type: `https://closewatch.dev/errors/${code.toLowerCase().replaceAll("_", "-")}`,
    title,
    status,
    code: `COLLECTOR_ERR_${code}`,
    ...(detail ? { detail } : {}),
    ...(errors ? { errors } : {}),
  };
}

export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  return reply.code(body.status).type("application/problem+json").send(body);
}

/** Fastify's own error codes, mapped to ours. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: "BODY_TOO_LARGE",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "MALFORMED_BODY",
  FST_ERR_CTP_EMPTY_JSON_BODY: "MALFORMED_BODY",
  FST_ERR_CTP_INVALID_JSON_BODY: "MALFORMED_BODY",
};

/**
 * Errors that mean "the database cannot be reached right now" rather than
 * "this write is wrong": network errors and PostgreSQL's connection-exception
 * and shutdown classes. Those are answered 503 so agents retry.
 */
export function isStorageUnavailable(error: unknown): boolean {
  const text = error instanceof Error ? `${error.name} ${error.message} ${String((error as { code?: unknown }).code ?? "")}` : String(error);
  return /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|Connection terminated|connection.*(closed|ended|refused|timeout)|\b08\d{3}\b|\b57P0[1-3]\b|the database system is (starting up|shutting down)|Can't reach database|pool.*(ended|timeout)/i.test(text);
}

function toProblem(error: FastifyError): Problem {
  if (error instanceof CollectorError) return problem(error.code, error.detail, error.errors?.slice(0, 100));
  if (isStorageUnavailable(error)) return problem("UNAVAILABLE", "the database cannot be reached; retry later");
  if (error.validation) {
    const errors = error.validation.slice(0, 100).map((v) => ({
      path: `${error.validationContext ?? "body"}${v.instancePath || ""}`,
      message: v.message ?? "is invalid",
    }));
    return problem("VALIDATION", errors.map((e) => `${e.path} ${e.message}`).join("; "), errors);
  }
  const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
  if (mapped) return problem(mapped, error.message);
  // JSON.parse errors surface as SyntaxError with a 400 status.
  if (error instanceof SyntaxError || error.statusCode === 400) return problem("MALFORMED_BODY", error.message);
  if (error.statusCode === 415) return problem("UNSUPPORTED_MEDIA_TYPE", error.message);
  if (error.statusCode === 413) return problem("BODY_TOO_LARGE", error.message);
  return problem("INTERNAL");
}

/** The one error handler: problem+json with a stable code; 5xx bodies hide internals, logs keep them. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const body = toProblem(error);
    if (body.status >= 500) request.log.error({ err: error }, "request failed");
    else request.log.info({ code: body.code, detail: body.detail }, "request rejected");
    // 503s are temporary by definition: tell clients when to come back.
    if (body.status === 503) reply.header("retry-after", "1");
    return sendProblem(reply, { ...body, instance: request.url });
  });
}
