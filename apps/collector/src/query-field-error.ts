import type { FastifySchemaValidationError } from "fastify";

/**
 * A query parameter that passed the schema but cannot be used (a cursor that
 * does not decode). Shaped like Fastify's own validation errors, so the one
 * error handler answers it exactly like a schema failure on the same field:
 * 400 COLLECTOR_ERR_VALIDATION with `errors: [{ path: "querystring/<field>" }]`.
 */
export function queryFieldError(field: string, message: string): Error {
  const validation: FastifySchemaValidationError[] = [
    { keyword: "format", instancePath: `/${field}`, schemaPath: `#/properties/${field}`, params: {}, message },
  ];
  return Object.assign(new Error(`querystring/${field} ${message}`), {
    statusCode: 400,
    validation,
    validationContext: "querystring",
  });
}
