import type { CodeInfo } from "@closewatch/protocol";
import { Link } from "../../components/Link.js";
import { RichText } from "../../components/RichText.js";
import { ErrorState, LoadingState } from "../../components/States.js";
import { reconnectText } from "../codes/codeInfo.js";
import { causeEntryFor, codeEntryFor } from "./knowledge.js";

interface CodeAdviceProps {
  code: number;
  cause: string;
  /** The knowledge base; undefined while it loads or when it failed (then `error`). */
  codes: readonly CodeInfo[] | undefined;
  error: unknown;
}

/** Why a close like this happens and what to do, from the knowledge base: the cause first, then the code. */
export function CodeAdvice({ code, cause, codes, error }: CodeAdviceProps) {
  if (!codes) {
    return error ? <ErrorState error={error} /> : <LoadingState lines={3} label="Loading the explanation…" />;
  }
  const info = codeEntryFor(codes, code);
  if (!info) return <p className="muted">The knowledge base has no entry for {code}.</p>;
  const causeInfo = causeEntryFor(info, cause);
  return (
    <div className="explorer-advice">
      {causeInfo ? (
        <div className="explorer-advice-cause">
          <p className="cause-title">
            <strong>{causeInfo.title}</strong> <code className="cause">{causeInfo.id}</code>
          </p>
          <p className="cause-description">
            <RichText text={causeInfo.description} />
          </p>
          {causeInfo.fixHints.length > 0 ? (
            <>
              <h4 className="explorer-advice-heading">How to fix it</h4>
              <ul className="hints" aria-label={`Fix hints for ${causeInfo.id}`}>
                {causeInfo.fixHints.map((hint, i) => (
                  <li key={i}>
                    <RichText text={hint} />
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : (
        <p className="muted">
          The knowledge base does not describe the cause <code className="cause">{cause}</code> for {code}.
        </p>
      )}
      <h4 className="explorer-advice-heading">
        What {code} {info.name} means
      </h4>
      <p className="code-entry-meaning">
        <RichText text={info.meaning} />
      </p>
      <p className="explorer-advice-reconnect">
        <span className="muted">Clients should:</span> {reconnectText(info.reconnect)}
      </p>
      {info.fixHints.length > 0 ? (
        <ul className="hints" aria-label={`What to do about ${code}`}>
          {info.fixHints.map((hint, i) => (
            <li key={i}>
              <RichText text={hint} />
            </li>
          ))}
        </ul>
      ) : null}
      <p className="explorer-advice-link">
        <Link href={`/codes?q=${code}`}>{code} in the code reference</Link>
      </p>
    </div>
  );
}
