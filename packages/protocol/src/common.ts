import { Type, type Static } from "typebox";

/** Who sent the first close frame. `none`: the connection ended without one (1006). */
export const Initiator = Type.Union([Type.Literal("server"), Type.Literal("client"), Type.Literal("none")]);
export type Initiator = Static<typeof Initiator>;

/** Every close code a `ws` server can observe, wire codes and local-only ones (1005, 1006, 1015). */
export const CloseCode = Type.Integer({ minimum: 1000, maximum: 4999 });

/** Stable cause ids are lowercase snake_case (see @closewatch/close-codes). */
export const CauseId = Type.String({ pattern: "^[a-z][a-z0-9_]{0,47}$" });

/** Where a stored cause came from, strongest first. */
export const CauseSource = Type.Union([
  Type.Literal("agent"),
  Type.Literal("ws_error"),
  Type.Literal("reason"),
  Type.Literal("code"),
]);
export type CauseSource = Static<typeof CauseSource>;

/**
 * A UUID in its plain 36-character form. Not `format: "uuid"`: that format
 * also admits the `urn:uuid:` form, which PostgreSQL's uuid type rejects.
 */
export const UUID_PATTERN = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
export const Uuid = Type.String({ pattern: UUID_PATTERN, description: "UUID, e.g. 0b7d0f5e-3c1a-4c1e-9d55-4f7c2a9e8b10" });

export const ServiceName = Type.String({ minLength: 1, maxLength: 100 });

/** ISO-8601 timestamp as sent on the wire. */
export const Timestamp = Type.String({ format: "date-time" });

/** Non-negative counters and byte sizes; JSON numbers are exact up to 2^53. */
export const Count = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });

/**
 * Structured evidence behind a cause (limit, observed value, token age, origin…).
 * Small and flat on purpose: it is stored as JSON and never becomes a metric label.
 */
export const Evidence = Type.Record(
  Type.String({ pattern: "^[A-Za-z][A-Za-z0-9_]{0,39}$" }),
  // One `type` keyword listing all three, not a union: Fastify's Ajv coerces types
  // (`coerceTypes: "array"`), and inside an anyOf it coerced `true` to 1 against
  // the first branch (number), so every boolean was stored as 0 or 1. With a type
  // list Ajv only coerces a value that matches none of the types. (`maxLength`
  // applies to strings only.)
  Type.Unsafe<number | string | boolean>({ type: ["number", "string", "boolean"], maxLength: 200 }),
  // Without it, a key that does not match the pattern was admitted with any value, nested at any depth.
  { maxProperties: 16, additionalProperties: false },
);
export type Evidence = Static<typeof Evidence>;

/** RFC 9457 problem details, the one error shape of every closewatch API. */
export const Problem = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  code: Type.String({ description: "Stable machine-readable code, e.g. COLLECTOR_ERR_VALIDATION" }),
  detail: Type.Optional(Type.String()),
  instance: Type.Optional(Type.String()),
  errors: Type.Optional(
    Type.Array(Type.Object({ path: Type.String(), message: Type.String() }), { maxItems: 100 }),
  ),
});
export type Problem = Static<typeof Problem>;
