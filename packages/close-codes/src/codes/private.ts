/**
 * The private-use range. Source: RFC 6455 §7.4.2 (4000–4999 are reserved for
 * private use and cannot be registered). Well-known protocols that use the
 * range have their own files (graphql-ws, discord, pusher).
 */
import { defineCodes } from "./define.js";

export const PRIVATE_CODES = defineCodes("private", [
  {
    from: 4000,
    to: 4999,
    name: "Application-defined",
    meaning: "Private-use codes: each application or protocol gives them its own meaning, so the same number can mean different things in different apps.",
    sentBy: "either",
    reconnect: "depends",
    fixHints: ["Read the application's (or its protocol's) list of close codes; the reason text usually says more."],
  },
]);
