import { CENTRIFUGO_CODES } from "./centrifugo.js";
import { defineCodes } from "./define.js";
import { DISCORD_CODES } from "./discord.js";
import { GRAPHQL_WS_CODES } from "./graphql-ws.js";
import { IANA_CODES } from "./iana.js";
import { PRIVATE_CODES } from "./private.js";
import { PUSHER_CODES } from "./pusher.js";
import { RFC6455_CODES } from "./rfc6455.js";
import type { CauseEntry, CodeEntry } from "./types.js";

/**
 * When two entries cover a code equally narrowly (Pusher's, Discord's and
 * graphql-ws' 4004, IANA's and Centrifugo's 3008), the standard wins over an
 * application family. Among families, the ones a closewatch user is likely to
 * run themselves come first: Centrifugo and Pusher-compatible servers (Soketi,
 * Laravel Reverb) before graphql-ws, whose 4004/4005 are client-side only,
 * and Discord's gateway, which nobody self-hosts. Pass `family` to
 * describeCode to ask for a specific one.
 */
const FAMILY_PRIORITY = ["rfc6455", "iana", "centrifugo", "pusher", "graphql-ws", "discord", "private"];

function rank(entry: CodeEntry): number {
  const index = FAMILY_PRIORITY.indexOf(entry.family);
  return index === -1 ? FAMILY_PRIORITY.length : index;
}

const span = (entry: CodeEntry): number => entry.to - entry.from;

/** Narrower first, then by family priority: the order describeCode picks in. */
function bySpecificity(a: CodeEntry, b: CodeEntry): number {
  return span(a) - span(b) || rank(a) - rank(b);
}

const ALL_ENTRIES: readonly CodeEntry[] = Object.freeze(
  [
    ...RFC6455_CODES,
    ...IANA_CODES,
    ...PRIVATE_CODES,
    ...GRAPHQL_WS_CODES,
    ...CENTRIFUGO_CODES,
    ...DISCORD_CODES,
    ...PUSHER_CODES,
  ].sort((a, b) => a.from - b.from || bySpecificity(a, b)),
);

/** Codes outside 1000–4999 are not close codes anyone may send (RFC 6455 §7.4.2). */
const [BELOW_RANGE, ABOVE_RANGE] = defineCodes("invalid", [
  {
    from: 0,
    to: 999,
    name: "Not used",
    meaning: "Codes below 1000 are not used by WebSocket; a close frame carrying one is invalid.",
    sentBy: "either",
    onWire: false,
    reconnect: "depends",
    fixHints: ["Find the sender; it is writing the close frame incorrectly."],
  },
  {
    from: 5000,
    to: 65535,
    name: "Out of range",
    meaning: "Codes from 5000 up are outside every range RFC 6455 defines; a close frame carrying one is invalid.",
    sentBy: "either",
    onWire: false,
    reconnect: "depends",
    fixHints: ["Find the sender and make it use 4000–4999 for its own codes."],
  },
]) as [CodeEntry, CodeEntry];

/** Every entry, sorted by `from`, narrower entries first. */
export function listCodes(): readonly CodeEntry[] {
  return ALL_ENTRIES;
}

/**
 * The most specific entry covering `code`: a single code beats a family range,
 * which beats the generic 3000–3999 / 4000–4999 entries. Never throws: codes
 * outside 1000–4999 get a generic "invalid" entry (those two entries fall
 * outside CodeInfo's 1000–4999 bounds and are not part of listCodes()).
 */
export function describeCode(code: number, family?: string): CodeEntry {
  // NaN compares false with everything and would match every range.
  if (!Number.isInteger(code)) return code >= 5000 ? ABOVE_RANGE : BELOW_RANGE;
  let best: CodeEntry | undefined;
  let bestOfFamily: CodeEntry | undefined;
  for (const entry of ALL_ENTRIES) {
    if (code < entry.from || code > entry.to) continue;
    if (!best || bySpecificity(entry, best) < 0) best = entry;
    if (family && entry.family === family && (!bestOfFamily || span(entry) < span(bestOfFamily))) bestOfFamily = entry;
  }
  return bestOfFamily ?? best ?? (code >= 5000 ? ABOVE_RANGE : BELOW_RANGE);
}

/** The explanation of `cause` for `code`, or undefined when the cause is not valid for that code. */
export function describeCause(code: number, cause: string, family?: string): CauseEntry | undefined {
  return describeCode(code, family).causes.find((entry) => entry.id === cause);
}
