export * from "./causes.js";
export * from "./classify.js";
export * from "./labels.js";
export * from "./ws-errors.js";
export type { ReasonRule } from "./reason-patterns.js";
export type { CauseEntry, CodeEntry, CodeSender, ReconnectAdvice } from "./codes/types.js";
export { listCodes, describeCode, describeCause } from "./codes/registry.js";
export { SIZE_LIMIT_SETTINGS, type SizeLimitSetting } from "./codes/size-limits.js";
export { REGISTERED_CODE_NAMES, registeredName } from "./code-names.js";
