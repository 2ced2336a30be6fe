import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { cpus } from "node:os";

// Per-process CPU and memory from /proc (Linux), to say which process limits a run.

let clockTicks: number | undefined;
function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** User + system CPU seconds a process has used so far; undefined once it is gone. */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may contain spaces) start at state; utime and stime are the 14th and 15th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond();
  } catch {
    return undefined;
  }
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/**
 * The PostgreSQL server processes working for `database`: its backends (and
 * autovacuum workers), plus the shared ones (WAL writer, checkpointer,
 * background writer, parallel workers). Other databases' backends are left
 * out: other people's tests may use the same server.
 */
export function postgresPids(database: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    if (read(`/proc/${entry}/comm`)?.trim() !== "postgres") continue;
    const title = (read(`/proc/${entry}/cmdline`) ?? "").replaceAll("\0", " ");
    const clientBackend = /\d+\.\d+\.\d+\.\d+\(\d+\)|\[local\]|\[[0-9a-f:]+\]\(\d+\)|autovacuum worker/.test(title);
    if (!clientBackend || title.includes(` ${database} `) || title.endsWith(` ${database}`)) pids.push(Number(entry));
  }
  return pids;
}

/** Busy and total jiffies of the whole machine (all cores). */
function machineTicks(): { busy: number; total: number } {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0]!;
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  const total = v.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

export function rssBytes(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

export interface CpuSnapshot {
  at: number;
  byName: Map<string, number>;
  machine: { busy: number; total: number };
}

/** CPU used by named groups of processes, snapshotted at the start and end of a window. */
export class CpuMeter {
  constructor(private readonly groups: Record<string, () => number[]>) {}

  snapshot(): CpuSnapshot {
    const byName = new Map<string, number>();
    for (const [name, pids] of Object.entries(this.groups)) {
      byName.set(name, pids().reduce((sum, pid) => sum + (cpuSeconds(pid) ?? 0), 0));
    }
    return { at: performance.now(), byName, machine: machineTicks() };
  }

  /** Percent of one core each group used between two snapshots, and how busy the whole machine was (percent of all cores). */
  static between(a: CpuSnapshot, b: CpuSnapshot): { groups: Record<string, number>; machineBusyPercent: number; cores: number } {
    const seconds = (b.at - a.at) / 1000;
    const groups: Record<string, number> = {};
    for (const [name, end] of b.byName) {
      const used = end - (a.byName.get(name) ?? 0);
      // Negative: a process of the group exited in the window, its time is lost.
      groups[name] = used >= 0 ? (100 * used) / seconds : NaN;
    }
    const total = b.machine.total - a.machine.total;
    return {
      groups,
      machineBusyPercent: total > 0 ? (100 * (b.machine.busy - a.machine.busy)) / total : NaN,
      cores: cpus().length,
    };
  }
}

/** Samples a process's RSS every `everyMs` and keeps the peak. */
export class RssSampler {
  private peak = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pid: number, everyMs = 200) {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
    this.timer.unref();
  }

  private sample() {
    const rss = rssBytes(this.pid);
    if (rss !== undefined && rss > this.peak) this.peak = rss;
  }

  /** Peak RSS in bytes so far; `reset` starts a new peak (e.g. after warm-up). */
  peakBytes(reset = false): number {
    this.sample();
    const peak = this.peak;
    if (reset) this.peak = 0;
    return peak;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/**
 * Waits (up to `maxWaitMs`) for the machine to be mostly idle before a
 * measurement: other people's builds and tests on a 2-core machine skew
 * every figure. Returns how busy it was in the last second looked at
 * (percent of all cores), for the notes.
 */
export async function waitForQuiet(maxWaitMs: number, log: (line: string) => void, busyBelowPercent = 25): Promise<number> {
  if (maxWaitMs <= 0) return NaN;
  const deadline = Date.now() + maxWaitMs;
  let waited = false;
  for (;;) {
    const a = machineTicks();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const b = machineTicks();
    const busy = b.total > a.total ? (100 * (b.busy - a.busy)) / (b.total - a.total) : 0;
    if (busy < busyBelowPercent || Date.now() >= deadline) {
      if (waited || busy >= busyBelowPercent) log(`machine ${Math.round(busy)}% busy before the measurement${busy >= busyBelowPercent ? " (gave up waiting for it to quiet down)" : ""}`);
      return busy;
    }
    if (!waited) log(`waiting for the machine to quiet down (${Math.round(busy)}% busy)…`);
    waited = true;
  }
}
