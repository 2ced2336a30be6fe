export * from "./common.js";
export * from "./ingest.js";
export * from "./query.js";
export * from "./live.js";
