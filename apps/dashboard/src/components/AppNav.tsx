import type { Route } from "../lib/routes.js";
import { Link } from "./Link.js";

interface AppNavProps {
  route: Route;
  /** The range and service (`?range=6h&service=chat-api`) the filtered pages keep between them. */
  viewSearch: string;
}

/** The header's page links: real links, the current one marked for assistive tech. */
export function AppNav({ route, viewSearch }: AppNavProps) {
  const items = [
    { route: "overview", href: `/${viewSearch}`, label: "Overview" },
    { route: "events", href: `/events${viewSearch}`, label: "Events" },
    { route: "services", href: `/services${viewSearch}`, label: "Services" },
    { route: "alerts", href: "/alerts", label: "Alerts" },
    { route: "codes", href: "/codes", label: "Code reference" },
  ] as const;
  return (
    <nav className="nav" aria-label="Pages">
      {items.map((item) => (
        <Link
          key={item.route}
          href={item.href}
          className={item.route === route ? "nav-link is-active" : "nav-link"}
          aria-current={item.route === route ? "page" : undefined}
        >
          {item.label}
        </Link>
      ))}
    </nav>
  );
}
