import http from "node:http";
import { percentile } from "./ingest-stats.js";

export interface TimingBudget {
  /** Untimed runs first (caches, JIT, plans), at most this many… */
  warmup: number;
  /** …or for at most this long. */
  warmupBudgetMs: number;
  /** Timed runs, at most this many… */
  samples: number;
  /** …or for at most this long, but never fewer than `minSamples`. */
  budgetMs: number;
  minSamples: number;
}

export interface Timing {
  p50: number;
  p95: number;
  n: number;
  /** What the last run returned, for a sanity line in the notes. */
  last: unknown;
}

/** Runs `fn` one call after another (never concurrently) and returns its latency percentiles. */
export async function timeSequential(fn: () => Promise<unknown>, budget: TimingBudget): Promise<Timing> {
  const warmupEnd = performance.now() + budget.warmupBudgetMs;
  for (let i = 0; i < budget.warmup && (i === 0 || performance.now() < warmupEnd); i++) await fn();
  const samples: number[] = [];
  const end = performance.now() + budget.budgetMs;
  let last: unknown;
  while (samples.length < budget.samples && (samples.length < budget.minSamples || performance.now() < end)) {
    const started = performance.now();
    last = await fn();
    samples.push(performance.now() - started);
  }
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), n: samples.length, last };
}

/** GETs JSON over one kept-alive connection, as a dashboard tab would; any status but 200 is an error. */
export class JsonGetter {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  constructor(private readonly baseUrl: string) {}

  get(path: string, params: Record<string, string | number | undefined>): Promise<unknown> {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined) query.set(k, String(v));
    const url = new URL(`${path}?${query}`, this.baseUrl);
    return new Promise((resolve, reject) => {
      const req = http.get(url, { agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          if (res.statusCode !== 200) reject(new Error(`GET ${url.pathname}${url.search} answered ${res.statusCode}: ${text.slice(0, 300)}`));
          else resolve(JSON.parse(text));
        });
        res.on("error", reject);
      });
      req.on("error", reject);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
