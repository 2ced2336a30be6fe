import type { CodeInfo } from "@closewatch/protocol";

/** "1008" for one code, "4000–4999" for a range. */
export function codeRangeLabel(info: Pick<CodeInfo, "from" | "to">): string {
  return info.from === info.to ? String(info.from) : `${info.from}–${info.to}`;
}

/** A stable key per entry: families may assign the same number, so the family is part of it. */
export function codeKey(info: Pick<CodeInfo, "from" | "to" | "family">): string {
  return `${info.family}:${info.from}-${info.to}`;
}

const FAMILY_LABELS: Readonly<Record<string, string>> = {
  rfc6455: "RFC 6455",
  iana: "IANA registry",
  private: "Private use",
  "graphql-ws": "graphql-ws",
  centrifugo: "Centrifugo",
  discord: "Discord",
  pusher: "Pusher",
  socketio: "Socket.IO",
  "socket.io": "Socket.IO",
  signalr: "SignalR",
  phoenix: "Phoenix",
  slack: "Slack",
  kubernetes: "Kubernetes",
};

/** Families shown first, in this order; the rest follow alphabetically. */
const FAMILY_ORDER = ["rfc6455", "iana", "private"];

export function familyLabel(family: string): string {
  return FAMILY_LABELS[family] ?? family;
}

export interface FamilyCount {
  family: string;
  label: string;
  count: number;
}

/** Every family in the knowledge base with its number of entries: standards first, then by name. */
export function familiesOf(codes: readonly CodeInfo[]): FamilyCount[] {
  const counts = new Map<string, number>();
  for (const c of codes) counts.set(c.family, (counts.get(c.family) ?? 0) + 1);
  const order = (f: string) => {
    const i = FAMILY_ORDER.indexOf(f);
    return i === -1 ? FAMILY_ORDER.length : i;
  };
  return [...counts]
    .map(([family, count]) => ({ family, label: familyLabel(family), count }))
    .sort((a, b) => order(a.family) - order(b.family) || a.label.localeCompare(b.label));
}

const SENT_BY: Readonly<Record<string, string>> = {
  server: "The server",
  client: "The client",
  either: "Either side",
  local: "Nobody: the endpoint reports it locally",
};

export function sentByText(sentBy: string): string {
  return SENT_BY[sentBy] ?? sentBy;
}

export function onWireText(onWire: boolean): string {
  return onWire ? "Yes, in the close frame" : "No, never sent in a close frame";
}

const RECONNECT: Readonly<Record<string, string>> = {
  yes: "Reconnect right away",
  backoff: "Reconnect with exponential backoff",
  no: "Do not reconnect",
  after_fix: "Reconnect only after fixing the cause",
  depends: "Depends on the cause",
};

/** What a client should do after this close, in words. */
export function reconnectText(advice: string): string {
  return RECONNECT[advice] ?? advice;
}
