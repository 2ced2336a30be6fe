/**
 * Shapes of the knowledge base. They mirror `CauseInfo` / `CodeInfo` in
 * @closewatch/protocol structurally (close-codes has no dependencies, so the
 * protocol package is not imported here). Arrays stay mutable in the types so
 * an entry is assignable to the TypeBox types; the data itself is frozen.
 */
export interface CauseEntry {
  id: string;
  title: string;
  description: string;
  fixHints: string[];
}

/** Who usually sends a code. `local`: never sent, only reported by the endpoint itself. */
export type CodeSender = "server" | "client" | "either" | "local";

/** What a client should do after a close with this code. */
export type ReconnectAdvice = "yes" | "backoff" | "no" | "after_fix" | "depends";

export interface CodeEntry {
  /** First code covered; equal to `to` for a single code. */
  from: number;
  to: number;
  name: string;
  /** "rfc6455", "iana" (registered 3xxx), "private" (4xxx), "invalid", or an application family. */
  family: string;
  meaning: string;
  sentBy: CodeSender;
  onWire: boolean;
  reconnect: ReconnectAdvice;
  /** The cause ids valid for this code (`causesForCode(from)`), explained. */
  causes: CauseEntry[];
  fixHints: string[];
}

/** What a family file writes; `causes` is filled in from the cause catalogue. */
export interface CodeSpec {
  from: number;
  /** Defaults to `from`. */
  to?: number;
  name: string;
  meaning: string;
  sentBy: CodeSender;
  /** Defaults to true. */
  onWire?: boolean;
  reconnect: ReconnectAdvice;
  fixHints: string[];
}
