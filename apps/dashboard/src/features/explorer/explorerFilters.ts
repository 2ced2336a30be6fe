import type { Initiator } from "@closewatch/protocol";

/**
 * The explorer's own filters, kept in the URL next to the shared range and
 * service (`/events?code=1009&cause=message_too_big&route=/chat&initiator=server&q=too+big`),
 * so a copied link opens the same rows. Parsing accepts only what
 * `GET /api/events` accepts: a hand-edited URL narrows nothing rather than
 * turning the page into a 400.
 */
export interface ExplorerFilters {
  /** A close code 1000–4999, or undefined for any code. */
  code: number | undefined;
  /** A cause id, or "" for any cause. */
  cause: string;
  /** One route exactly as the agent reported it, or "". */
  route: string;
  /** Who sent the first close frame, or "" for anyone. */
  initiator: Initiator | "";
  /** Case-insensitive words in the close reason, or "". */
  q: string;
}

export const NO_FILTERS: ExplorerFilters = { code: undefined, cause: "", route: "", initiator: "", q: "" };

/** The same bounds as the API's EventsQuery schema. */
export const MAX_ROUTE_LENGTH = 200;
export const MAX_REASON_QUERY_LENGTH = 123;
const CAUSE_ID = /^[a-z][a-z0-9_]{0,47}$/;
const CODE = /^[1-4][0-9]{3}$/;

export const INITIATORS: readonly Initiator[] = ["server", "client", "none"];

/** Rows per request; `?limit=` overrides it up to the API's maximum. */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/** A code from text: four digits in 1000–4999, anything else undefined. */
export function parseCode(text: string | null | undefined): number | undefined {
  const trimmed = (text ?? "").trim();
  return CODE.test(trimmed) ? Number(trimmed) : undefined;
}

export function isCauseId(text: string): boolean {
  return CAUSE_ID.test(text);
}

function isInitiator(text: string | null): text is Initiator {
  return INITIATORS.some((i) => i === text);
}

/** Route as sent to the API: trimmed and capped; blank means any route. */
export function normaliseRoute(text: string): string {
  return text.trim().slice(0, MAX_ROUTE_LENGTH);
}

/** Reason words as sent to the API: trimmed, so a stray space does not empty the table. */
export function normaliseReasonQuery(text: string): string {
  return text.trim().slice(0, MAX_REASON_QUERY_LENGTH);
}

function asParams(search: string | URLSearchParams): URLSearchParams {
  return typeof search === "string" ? new URLSearchParams(search) : search;
}

export function parseExplorerFilters(search: string | URLSearchParams): ExplorerFilters {
  const params = asParams(search);
  const cause = (params.get("cause") ?? "").trim();
  const initiator = params.get("initiator");
  return {
    code: parseCode(params.get("code")),
    cause: isCauseId(cause) ? cause : "",
    route: normaliseRoute(params.get("route") ?? ""),
    initiator: isInitiator(initiator) ? initiator : "",
    q: normaliseReasonQuery(params.get("q") ?? ""),
  };
}

/**
 * The URL patch for filters: every key listed, unset ones as undefined, so
 * applying it also removes what no longer applies.
 */
export function explorerParams(filters: ExplorerFilters): Record<keyof ExplorerFilters, string | undefined> {
  return {
    code: filters.code === undefined ? undefined : String(filters.code),
    cause: filters.cause || undefined,
    route: filters.route || undefined,
    initiator: filters.initiator || undefined,
    q: filters.q || undefined,
  };
}

/** `?code=1009&q=too+big`, or "" without filters: a stable key for "the same filters". */
export function serializeExplorerFilters(filters: ExplorerFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(explorerParams(filters))) if (value !== undefined) params.set(key, value);
  const qs = params.toString();
  return qs ? `?${qs}` : "";
}

export function hasExplorerFilters(filters: ExplorerFilters): boolean {
  return serializeExplorerFilters(filters) !== "";
}

/** Rows per page from `?limit=`: an integer in 1–500, else the default. */
export function parsePageSize(search: string | URLSearchParams): number {
  const text = asParams(search).get("limit") ?? "";
  if (!/^[0-9]{1,3}$/.test(text)) return DEFAULT_PAGE_SIZE;
  const n = Number(text);
  return n >= 1 && n <= MAX_PAGE_SIZE ? n : DEFAULT_PAGE_SIZE;
}

/** The id of the event whose detail is open (`?event=<id>`), or undefined. */
export function parseSelectedEvent(search: string | URLSearchParams): string | undefined {
  const id = (asParams(search).get("event") ?? "").trim();
  // Ids are UUIDs; anything longer is not one, and the API would only answer 400.
  return id && id.length <= 64 ? id : undefined;
}

/** Labels for the initiator filter and the detail. */
export const INITIATOR_LABELS: Readonly<Record<Initiator, string>> = {
  server: "Server",
  client: "Client",
  none: "No close frame",
};
