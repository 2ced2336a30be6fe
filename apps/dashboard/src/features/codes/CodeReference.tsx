import type { CodeInfo } from "@closewatch/protocol";
import { useDeferredValue, useMemo } from "react";
import { useCodesQuery } from "../../api/queries.js";
import { Panel } from "../../components/Panel.js";
import { EmptyState, ErrorState, LoadingState } from "../../components/States.js";
import { navigate, useLocation } from "../../hooks/useLocation.js";
import { formatCount } from "../../lib/format.js";
import { CodeEntry } from "./CodeEntry.js";
import { CodeSearch } from "./CodeSearch.js";
import { codeKey, familiesOf, familyLabel } from "./codeInfo.js";
import { parseCodesView, searchCodes, searchTerms, serializeCodesView, type CodesView } from "./search.js";

/**
 * The close-code knowledge base, searchable. The search and family live in
 * the URL (`/codes?q=1009`), so a link to one answer can be shared.
 */
export function CodeReference() {
  const { search } = useLocation();
  const view = parseCodesView(search);
  const query = useCodesQuery();
  const codes = query.data?.codes;

  // Typing stays responsive; the list follows a moment later.
  const q = useDeferredValue(view.q);
  const families = useMemo(() => (codes ? familiesOf(codes) : []), [codes]);
  const family = families.some((f) => f.family === view.family) ? view.family : "";
  const { matches, mentions } = useMemo(
    () => (codes ? searchCodes(codes, { q, family }) : { matches: [], mentions: [] }),
    [codes, q, family],
  );
  const terms = useMemo(() => searchTerms(q), [q]);

  const update = (next: Partial<CodesView>) =>
    navigate(`/codes${serializeCodesView({ ...view, family, ...next })}`, { replace: true });

  let body;
  if (codes === undefined) {
    body = (
      <Panel title="Codes" className="span-12">
        {query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <LoadingState lines={6} label="Loading the code reference…" />
        )}
      </Panel>
    );
  } else if (matches.length === 0) {
    body = (
      <Panel title="Codes" className="span-12">
        <EmptyState
          title={
            view.q.trim()
              ? `Nothing matches “${view.q.trim()}”${family ? ` in ${familyLabel(family)}` : ""}.`
              : "The knowledge base is empty."
          }
        >
          {view.q || family ? (
            <button type="button" className="button" onClick={() => update({ q: "", family: "" })}>
              Clear the search
            </button>
          ) : null}
        </EmptyState>
      </Panel>
    );
  } else {
    body = (
      <>
        <CodeList codes={matches} terms={terms} label="Close codes" />
        {mentions.length > 0 ? (
          <details className="span-12 mentions">
            <summary>
              Also mentioned in {formatCount(mentions.length)} more {mentions.length === 1 ? "entry" : "entries"}
            </summary>
            <CodeList codes={mentions} terms={terms} label="Entries that mention the search" />
          </details>
        ) : null}
      </>
    );
  }

  return (
    <>
      <div className="span-12 page-intro">
        <h1 className="page-title">Close code reference</h1>
        <p className="muted">
          What each WebSocket close code means, who sends it, whether to reconnect, and how to fix its causes.
        </p>
      </div>
      <div className="span-12 panel code-search-panel">
        <CodeSearch
          q={view.q}
          onQueryChange={(value) => update({ q: value })}
          family={family}
          onFamilyChange={(value) => update({ family: value })}
          families={families}
          total={codes?.length ?? 0}
        />
        <p className="muted small code-search-status" role="status">
          {codes ? statusText(matches.length, mentions.length, codes.length) : ""}
        </p>
      </div>
      {body}
    </>
  );
}

/** "3 of 89 entries", "1 of 89 entries match, 2 more mention it". */
function statusText(matches: number, mentions: number, total: number): string {
  const base = `${formatCount(matches)} of ${formatCount(total)} ${total === 1 ? "entry" : "entries"}`;
  return mentions > 0 ? `${base} match, ${formatCount(mentions)} more mention it` : base;
}

function CodeList({ codes, terms, label }: { codes: readonly CodeInfo[]; terms: readonly string[]; label: string }) {
  return (
    <ol className="span-12 code-list" aria-label={label}>
      {codes.map((info) => (
        <li key={codeKey(info)}>
          <CodeEntry info={info} terms={terms} />
        </li>
      ))}
    </ol>
  );
}
