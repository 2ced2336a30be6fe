/** What the analyzers read of each event: only the columns and evidence keys they need. */

export interface Place {
  service: string;
  route: string | null;
}

export interface SizeRow extends Place {
  cause: string;
  /** Attempted size in bytes, when the agent could know it. */
  messageSize: number | null;
  sizeLimit: number | null;
  /** "inbound": the server rejected a client's message; "outbound": the client rejected the server's. */
  direction: string | null;
  deflate: boolean | null;
}

export interface RateRow extends Place {
  observed: number | null;
  limit: number | null;
  windowMs: number | null;
  connectionAgeMs: number;
}

export interface TokenRow extends Place {
  connectionAgeMs: number;
  tokenLifetimeMs: number | null;
  tokenAgeMs: number | null;
}

/** The most affected service/route pairs, descending. */
export function topPlaces(rows: readonly Place[], limit = 5): Array<Place & { count: number }> {
  const counts = new Map<string, Place & { count: number }>();
  for (const row of rows) {
    const key = `${row.service}\u0000${row.route ?? ""}`;
    const entry = counts.get(key) ?? { service: row.service, route: row.route, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.service.localeCompare(b.service)).slice(0, limit);
}

/** "chat-api /chat" or "chat-api" for the sentences. */
export const placeName = (p: Place): string => (p.route ? `${p.service} ${p.route}` : p.service);
