/** Rollup rows that count every service together. No service is named so (names need ≥ 1 character). */
export const ALL_SERVICES = "";

/** The label every service beyond the cap is counted under. */
export const OTHER_SERVICE = "other";

/**
 * Caps the distinct service names used as metric labels and rollup keys: the
 * first `max` names seen keep their own series, later ones share "other".
 * Bounded memory, bounded Prometheus cardinality and bounded rollup tables,
 * whatever agents send. Raw events always keep the real name.
 */
export class ServiceLabels {
  private readonly known = new Set<string>();

  constructor(private readonly max: number) {}

  /** Names that already have their own series (e.g. from the rollups, at startup). */
  seed(names: Iterable<string>): void {
    for (const name of names) {
      if (this.known.size >= this.max) break;
      if (name !== OTHER_SERVICE && name !== ALL_SERVICES) this.known.add(name);
    }
  }

  label(service: string): string {
    if (this.known.has(service)) return service;
    if (this.known.size < this.max) {
      this.known.add(service);
      return service;
    }
    return OTHER_SERVICE;
  }

  /** The names with their own series, for the database to apply the same cap. */
  names(): string[] {
    return [...this.known];
  }
}
