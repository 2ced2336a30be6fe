import { buildUrl } from "../../api/client.js";
import { FEED_LIMIT } from "../../api/queries.js";
import { Link } from "../../components/Link.js";
import { Panel } from "../../components/Panel.js";
import { EmptyState } from "../../components/States.js";
import { parseView, rangePreset, serializeView, windowFor } from "../../lib/view.js";

/**
 * Target of "Show these events" until the events explorer exists: states the
 * filter from the URL and offers the matching events from the API as JSON.
 */
export function EventsPlaceholder({ search }: { search: string }) {
  const params = new URLSearchParams(search);
  const view = parseView(search);
  const code = params.get("code") ?? "";
  const cause = params.get("cause") ?? "";
  const filter = [
    code && `code ${code}`,
    cause && `cause ${cause}`,
    view.service && `service ${view.service}`,
    `last ${rangePreset(view.range).label}`,
  ].filter(Boolean);
  const api = buildUrl("/api/events", {
    ...windowFor(view.range, Date.now()),
    service: view.service || undefined,
    code: /^\d{4}$/.test(code) ? code : undefined,
    cause: cause || undefined,
    limit: FEED_LIMIT,
  });

  return (
    <Panel title="Events" className="span-12">
      <EmptyState title="The events explorer is not built yet.">
        <p className="muted">
          This link keeps its filter ({filter.join(" · ")}) so it will open the explorer once it exists.
        </p>
        <p className="state-actions centered">
          <a className="button" href={api}>
            These events as JSON
          </a>
          <Link className="button" href={`/${serializeView(view)}`}>
            Back to the overview
          </Link>
        </p>
      </EmptyState>
    </Panel>
  );
}
