import { AjvCompiler, type ValidatorFactory } from "@fastify/ajv-compiler";
import type { FastifyInstance, FastifySchemaCompiler } from "fastify";
import { queryFieldError } from "./query-field-error.js";

type BuildCompiler = ReturnType<typeof AjvCompiler>;
/** What a pool's compiler really is: Fastify calls it with the route's schema definition (the published type says Ajv's compile). */
type RouteCompiler = FastifySchemaCompiler<unknown>;

/**
 * Fastify's Ajv coerces types everywhere, which a query string needs ("10"
 * is a number there) but a JSON body does not: JSON has numbers. Coercion
 * also has a hole: Ajv turns the string "Infinity" (or "1e400") into
 * Infinity and then skips `minimum`/`maximum`, which only test finite
 * numbers, so a schema-valid Infinity reached PostgreSQL as a 500. Bodies
 * are therefore checked without coercion, everything else with it.
 */
export const buildValidator: ValidatorFactory = (externalSchemas: Parameters<BuildCompiler>[0], options: Parameters<BuildCompiler>[1] = {}) => {
  const factory = AjvCompiler();
  const coercing = factory(externalSchemas, options) as unknown as RouteCompiler;
  const exactOptions = { ...options, customOptions: { ...options.customOptions, coerceTypes: false } } as Parameters<BuildCompiler>[1];
  const exact = factory(externalSchemas, exactOptions) as unknown as RouteCompiler;
  const compile: RouteCompiler = (route) => (route.httpPart === "body" ? exact(route) : coercing(route));
  return compile as unknown as ReturnType<BuildCompiler>;
};

/**
 * The other half of that hole: a query parameter that coerced to ±Infinity
 * passed its schema. Query strings are small, so each request's are checked
 * once validation is done, and such a value is a 400 on its field.
 */
export function refuseNonFiniteQueryNumbers(app: FastifyInstance): void {
  app.addHook("preHandler", async (request) => {
    const query = request.query;
    if (typeof query !== "object" || query === null) return;
    for (const [field, value] of Object.entries(query)) {
      const values: unknown[] = Array.isArray(value) ? value : [value];
      if (values.some((v) => typeof v === "number" && !Number.isFinite(v))) throw queryFieldError(field, "must be a finite number");
    }
  });
}
