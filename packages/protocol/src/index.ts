export * from "./common.js";
export * from "./ingest.js";
export * from "./query.js";
export * from "./live.js";
export * from "./codes.js";
export * from "./insights.js";
export * from "./alerts.js";
export * from "./auth.js";
