/**
 * Runs work in the background so that its caller never waits for it: tasks
 * with the same key run one after another (a firing's "resolved" never
 * overtakes its "firing"), a failing task is reported and forgotten, and
 * close() aborts what is still running.
 */
export class BackgroundTasks {
  private readonly controller = new AbortController();
  private readonly tails = new Map<string, Promise<void>>();

  constructor(private readonly onError: (error: unknown) => void) {}

  run(key: string, task: (signal: AbortSignal) => Promise<void>): void {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous
      .then(() => task(this.controller.signal))
      .catch((error: unknown) => {
        try {
          this.onError(error);
        } catch {
          // A failing reporter must not make the chain reject either.
        }
      });
    this.tails.set(key, next);
    void next.finally(() => {
      if (this.tails.get(key) === next) this.tails.delete(key);
    });
  }

  /** Resolves once nothing is running (tests wait on it; so does close). */
  async idle(): Promise<void> {
    while (this.tails.size > 0) await Promise.all(this.tails.values());
  }

  /** Aborts running tasks (each sees its signal aborted) and waits for them to finish. */
  async close(): Promise<void> {
    this.controller.abort();
    await this.idle();
  }
}
