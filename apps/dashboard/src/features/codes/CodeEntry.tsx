import type { CodeInfo } from "@closewatch/protocol";
import { Swatch } from "../../components/CodeLabel.js";
import { RichText } from "../../components/RichText.js";
import { codeColor, isFocusCode } from "../../lib/codes.js";
import { codeRangeLabel, familyLabel, onWireText, reconnectText, sentByText } from "./codeInfo.js";
import { causeMatches } from "./search.js";

interface CodeEntryProps {
  info: CodeInfo;
  /** Search words, to point out the causes they matched. */
  terms: readonly string[];
}

/** One knowledge-base entry. 1008 and 1009 carry their dashboard colour. All API text renders as text. */
export function CodeEntry({ info, terms }: CodeEntryProps) {
  const focus = info.from === info.to && isFocusCode(info.from);
  const color = focus ? codeColor(info.from) : undefined;
  return (
    <article className={focus ? "code-entry is-focus" : "code-entry"}>
      {color ? <div className="code-card-accent" style={{ background: color }} aria-hidden="true" /> : null}
      <header className="code-entry-header">
        <h2 className="code-entry-title">
          <span className="code-label">
            {color ? <Swatch color={color} /> : null}
            <span className="code-number">{codeRangeLabel(info)}</span>
          </span>{" "}
          <span className="code-name">{info.name}</span>
        </h2>
        <span className="family-tag">{familyLabel(info.family)}</span>
      </header>
      <p className="code-entry-meaning">
        <RichText text={info.meaning} />
      </p>
      <div className="code-entry-body">
        <dl className="facts code-facts">
          <div className="fact">
            <dt>Sent by</dt>
            <dd>{sentByText(info.sentBy)}</dd>
          </div>
          <div className="fact">
            <dt>On the wire</dt>
            <dd>{onWireText(info.onWire)}</dd>
          </div>
          <div className="fact">
            <dt>Reconnect</dt>
            <dd>{reconnectText(info.reconnect)}</dd>
          </div>
        </dl>
        <div className="code-entry-details">
          {info.causes.length > 0 ? (
            <>
              <h3 className="subheading">{info.causes.length === 1 ? "Cause" : `Causes (${info.causes.length})`}</h3>
              <ul className="causes">
                {info.causes.map((c) => (
                  <li key={c.id} className={causeMatches(c, terms) ? "cause-item is-match" : "cause-item"}>
                    <p className="cause-title">
                      <strong>{c.title}</strong> <code className="cause">{c.id}</code>
                    </p>
                    <p className="cause-description">
                      <RichText text={c.description} />
                    </p>
                    {c.fixHints.length > 0 ? (
                      <ul className="hints">
                        {c.fixHints.map((h, i) => (
                          <li key={i}>
                            <RichText text={h} />
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {info.fixHints.length > 0 ? (
            <>
              <h3 className="subheading">What to do</h3>
              <ul className="hints">
                {info.fixHints.map((h, i) => (
                  <li key={i}>
                    <RichText text={h} />
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      </div>
    </article>
  );
}
