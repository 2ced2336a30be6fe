/** One measured figure, printed as a row of the benchmark table. */
export interface BenchResult {
  scenario: string;
  figure: string;
  value: number;
  unit: string;
  /** The target from the issue, e.g. "≥ 50000" or "≤ 50". */
  target?: { op: ">=" | "<="; value: number };
  /** A baseline measured in the same run (raw COPY, the server without the agent, PostgreSQL for PGlite…). */
  baseline?: { label: string; value: number };
  /** Free text shown under the table: sizes, settings, anything needed to read the figure. */
  note?: string;
}

export interface ScenarioOptions {
  /** CI's smoke mode: tiny sizes, checks that the scenario works, not how fast it is. */
  smoke: boolean;
  /** PostgreSQL server the scenario may create its own databases on. */
  pgAdminUrl: string;
  log: (line: string) => void;
}

export interface Scenario {
  name: string;
  description: string;
  run(options: ScenarioOptions): Promise<BenchResult[]>;
}

export function meetsTarget(result: BenchResult): boolean | undefined {
  if (!result.target || Number.isNaN(result.value)) return undefined;
  return result.target.op === ">=" ? result.value >= result.target.value : result.value <= result.target.value;
}
