/** The rollup route of closes whose agent reported no route (and of the all-services rows). */
export const NO_ROUTE = "";

/** The label every route beyond its service's cap is counted under. */
export const OTHER_ROUTE = "other";

/** (service label, route) pairs with their own rollup series, as parallel arrays for the database. */
export interface RoutePairs {
  services: string[];
  routes: string[];
}

/**
 * Caps the distinct routes each service label keeps in the rollups: the
 * first `maxPerService` routes seen for a service keep their own series,
 * later ones share "other". Raw events always keep the real route.
 *
 * Why per service and not one global cap: routes come from each agent's
 * configuration, so the failure to guard against is one agent that reports a
 * route per URL (`/rooms/8f3c…`). With a global cap that one service would use
 * up every slot and push the routes of all services seen after it into
 * "other"; per service it only folds its own. The rollups stay bounded
 * either way: per bucket, code and cause at most (service cap + 1) ×
 * (route cap + 2) rows ("other" services; "other" and no route) plus the
 * all-services row. Keyed by the service's label, so the services folded
 * into "other" share one budget too.
 */
export class RouteLabels {
  private readonly known = new Map<string, Set<string>>();

  constructor(private readonly maxPerService: number) {}

  /** Pairs that already have their own series (from the rollups, at startup), most recent first. */
  seed(pairs: Iterable<{ service: string; route: string }>): void {
    for (const { service, route } of pairs) {
      if (route !== NO_ROUTE && route !== OTHER_ROUTE) this.add(service, route);
    }
  }

  /** The rollup route of a close, given the rollup label of its service. */
  label(service: string, route: string | null): string {
    if (route === null || route === NO_ROUTE) return NO_ROUTE;
    return this.add(service, route) ? route : OTHER_ROUTE;
  }

  /** The pairs with their own series, for the database to apply the same cap. */
  pairs(): RoutePairs {
    const services: string[] = [];
    const routes: string[] = [];
    for (const [service, known] of this.known) {
      for (const route of known) {
        services.push(service);
        routes.push(route);
      }
    }
    return { services, routes };
  }

  /** True when the pair has (or now gets) its own series. */
  private add(service: string, route: string): boolean {
    let known = this.known.get(service);
    if (!known) {
      known = new Set();
      this.known.set(service, known);
    }
    if (known.has(route)) return true;
    if (known.size >= this.maxPerService) return false;
    known.add(route);
    return true;
  }
}
