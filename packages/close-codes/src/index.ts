export * from "./causes.js";
export * from "./classify.js";
export * from "./labels.js";
export * from "./ws-errors.js";
export type { ReasonRule } from "./reason-patterns.js";
