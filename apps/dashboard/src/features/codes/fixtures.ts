import type { CodeInfo } from "@closewatch/protocol";

/** A small knowledge base shaped like GET /api/codes, for tests. */
export function code(partial: Partial<CodeInfo> & Pick<CodeInfo, "from" | "name">): CodeInfo {
  return {
    to: partial.from,
    family: "rfc6455",
    meaning: "",
    sentBy: "either",
    onWire: true,
    reconnect: "depends",
    causes: [],
    fixHints: [],
    ...partial,
  };
}

export const CODES: CodeInfo[] = [
  code({
    from: 1009,
    name: "Message Too Big",
    meaning: "A message was bigger than the receiver accepts.",
    sentBy: "server",
    reconnect: "after_fix",
    causes: [
      {
        id: "message_too_big",
        title: "Message over the limit",
        description: "A single message exceeded `maxPayload`.",
        fixHints: ["Raise `maxPayload`, or split messages."],
      },
    ],
  }),
  code({
    from: 1008,
    name: "Policy Violation",
    meaning: "The endpoint closed because a rule was broken, for example a rate limit.",
    sentBy: "server",
    reconnect: "after_fix",
    causes: [
      { id: "rate_limit", title: "Rate limit", description: "Too many messages per second.", fixHints: [] },
      { id: "auth_expired", title: "Token expired", description: "The access token ran out.", fixHints: [] },
    ],
  }),
  code({ from: 1006, name: "Abnormal Closure", sentBy: "local", onWire: false, meaning: "No close frame: see 1009 too." }),
  code({ from: 1000, name: "Normal Closure", reconnect: "no" }),
  code({ from: 4000, to: 4999, name: "Private use", family: "private", meaning: "Application-defined codes." }),
  code({ from: 4400, name: "Bad Request", family: "graphql-ws", meaning: "Invalid message received." }),
  code({ from: 4008, name: "Rate limited", family: "discord", meaning: "You are sending too fast." }),
  code({ from: 3000, name: "Unauthorized", family: "iana" }),
];
