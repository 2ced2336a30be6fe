/**
 * Discord Gateway close event codes.
 * Sources: Discord developer docs "Opcodes and Status Codes → Gateway Close
 * Event Codes" (with its reconnect column) and the discord-api-types
 * `GatewayCloseCodes` enum. 4006 is not assigned.
 */
import { defineCodes } from "./define.js";
import type { CodeSpec, ReconnectAdvice } from "./types.js";

const gateway = (from: number, name: string, meaning: string, reconnect: ReconnectAdvice, hint: string): CodeSpec => ({
  from,
  name: `${name} (Discord gateway)`,
  meaning,
  sentBy: "server",
  reconnect,
  fixHints: [hint],
});

export const DISCORD_CODES = defineCodes("discord", [
  gateway(4000, "Unknown error", "The gateway hit an error it could not classify.", "backoff", "Reconnect and resume."),
  gateway(4001, "Unknown opcode", "The bot sent an invalid opcode or an invalid payload for an opcode.", "backoff", "Check the payloads the bot sends; reconnecting is allowed."),
  gateway(4002, "Decode error", "The gateway could not decode a payload the bot sent.", "backoff", "Check the encoding (JSON or ETF) and compression settings the bot negotiated."),
  gateway(4003, "Not authenticated", "The bot sent a payload before identifying.", "backoff", "Send Identify (or Resume) first after Hello."),
  gateway(4004, "Authentication failed", "The token in the Identify payload is wrong.", "no", "Do not reconnect: fix or regenerate the bot token."),
  gateway(4005, "Already authenticated", "The bot identified more than once on the same connection.", "backoff", "Send Identify only once per connection."),
  gateway(4007, "Invalid seq", "The sequence number sent when resuming was invalid.", "yes", "Start a new session instead of resuming."),
  gateway(4008, "Rate limited", "The bot sent payloads faster than the gateway allows.", "backoff", "Throttle gateway sends (Discord allows a fixed number of events per minute) and reconnect."),
  gateway(4009, "Session timed out", "The session expired.", "yes", "Reconnect and start a new session."),
  gateway(4010, "Invalid shard", "The shard sent in Identify was invalid.", "no", "Fix the shard id / shard count configuration."),
  gateway(4011, "Sharding required", "The session would handle too many guilds without sharding.", "no", "Enable sharding before reconnecting."),
  gateway(4012, "Invalid API version", "The gateway version in the URL is invalid.", "no", "Connect with a supported gateway version."),
  gateway(4013, "Invalid intents", "The intents bitfield was invalid.", "no", "Recalculate the intents value."),
  gateway(4014, "Disallowed intents", "The bot asked for a privileged intent it is not enabled or approved for.", "no", "Enable the intent in the developer portal or stop requesting it."),
]);
