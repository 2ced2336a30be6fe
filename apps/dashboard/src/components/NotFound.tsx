import { Link } from "./Link.js";
import { Panel } from "./Panel.js";
import { EmptyState } from "./States.js";

export function NotFound({ pathname }: { pathname: string }) {
  return (
    <Panel title="Not found" className="span-12">
      <EmptyState title={`There is no page at ${pathname}.`}>
        <p className="state-actions centered">
          <Link className="button" href="/">
            Overview
          </Link>
          <Link className="button" href="/codes">
            Code reference
          </Link>
        </p>
      </EmptyState>
    </Panel>
  );
}
