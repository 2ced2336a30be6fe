/**
 * The 3000–3999 range and the codes registered in it.
 * Sources: RFC 6455 §7.4.2 (3000–3999 are for libraries, frameworks and
 * applications, registered with IANA), the IANA WebSocket Close Code Number
 * Registry (3000 Unauthorized, 3003 Forbidden, 3008 Timeout), and
 * /work/shared/reference/close-codes-facts.md.
 */
import { registeredName } from "../code-names.js";
import { defineCodes } from "./define.js";

export const IANA_CODES = defineCodes("iana", [
  {
    from: 3000,
    to: 3999,
    name: "Library / framework code",
    meaning:
      "Reserved for libraries, frameworks and services that register their codes with IANA. Unlike 4000–4999 these are meant to mean the same thing everywhere, but many libraries use the range without registering.",
    sentBy: "either",
    reconnect: "depends",
    fixHints: ["Look the code up in the documentation of the library or service that sent it."],
  },
  {
    from: 3000,
    name: registeredName(3000),
    meaning: "Registered code for a client that is not (or no longer) authenticated; a clearer alternative to a bare 1008 for auth failures.",
    sentBy: "server",
    reconnect: "after_fix",
    fixHints: ["Obtain fresh credentials before reconnecting; retrying with the same token fails again."],
  },
  {
    from: 3003,
    name: registeredName(3003),
    meaning: "Registered code for an authenticated client that lacks permission for what it asked for.",
    sentBy: "server",
    reconnect: "no",
    fixHints: ["Do not reconnect automatically; grant the permission or stop requesting the resource."],
  },
  {
    from: 3008,
    name: registeredName(3008),
    meaning: "Registered code for a connection closed because something took too long (an idle or handshake timeout).",
    sentBy: "either",
    reconnect: "backoff",
    fixHints: ["Reconnect with backoff; if it repeats, send keep-alives more often or look for a slow handshake step."],
  },
]);
