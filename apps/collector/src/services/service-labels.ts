/**
 * Caps the distinct service names used as metric label values: the first
 * `max` names seen keep their own series, later ones share "other". Bounded
 * memory and bounded Prometheus cardinality whatever agents send.
 */
export class ServiceLabels {
  private readonly known = new Set<string>();

  constructor(private readonly max: number) {}

  label(service: string): string {
    if (this.known.has(service)) return service;
    if (this.known.size < this.max) {
      this.known.add(service);
      return service;
    }
    return "other";
  }
}
