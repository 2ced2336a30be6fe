import { Type, type Static } from "typebox";

/** Who usually sends a code. `local`: never sent, only reported by the endpoint itself (1005, 1006, 1015). */
export const CodeSender = Type.Union([
  Type.Literal("server"),
  Type.Literal("client"),
  Type.Literal("either"),
  Type.Literal("local"),
]);

/** What a client should do after this close. */
export const ReconnectAdvice = Type.Union([
  Type.Literal("yes"),
  Type.Literal("backoff"),
  Type.Literal("no"),
  Type.Literal("after_fix"),
  Type.Literal("depends"),
]);

export const CauseInfo = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.String(),
  fixHints: Type.Array(Type.String()),
});
export type CauseInfo = Static<typeof CauseInfo>;

/** One entry of the knowledge base: a single code, or a range an application family assigns. */
export const CodeInfo = Type.Object({
  /** First code the entry covers; equal to `to` for a single code. */
  from: Type.Integer({ minimum: 1000, maximum: 4999 }),
  to: Type.Integer({ minimum: 1000, maximum: 4999 }),
  name: Type.String(),
  /** `rfc6455`, `iana` (registered 3xxx), `private` (4xxx), or an application family such as `graphql-ws`. */
  family: Type.String(),
  meaning: Type.String(),
  sentBy: CodeSender,
  onWire: Type.Boolean({ description: "false for codes an endpoint reports but never sends (1005, 1006, 1015)" }),
  reconnect: ReconnectAdvice,
  causes: Type.Array(CauseInfo),
  fixHints: Type.Array(Type.String()),
});
export type CodeInfo = Static<typeof CodeInfo>;

export const CodesResponse = Type.Object({ codes: Type.Array(CodeInfo) });
export type CodesResponse = Static<typeof CodesResponse>;
