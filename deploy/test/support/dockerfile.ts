import { readRepoFile } from "./repo.js";

/*
 * A small Dockerfile reader: instructions with their line continuations
 * joined, grouped by stage. Enough for the instructions the closewatch
 * Dockerfile uses; anything it does not understand is an error, not a guess.
 */

export interface Instruction {
  keyword: string;
  /** Everything after the keyword, continuations joined. */
  args: string;
  line: number;
}

export interface Stage {
  /** `AS <name>`, or the stage's index as text. */
  name: string;
  from: string;
  instructions: Instruction[];
}

export interface Dockerfile {
  /** ARGs before the first FROM. */
  globalArgs: Record<string, string>;
  stages: Stage[];
}

export function readDockerfile(path = "Dockerfile"): Dockerfile {
  return parseDockerfile(readRepoFile(path));
}

export function parseDockerfile(text: string): Dockerfile {
  const instructions: Instruction[] = [];
  let current: Instruction | undefined;
  text.split("\n").forEach((raw, index) => {
    const line = raw.trimEnd();
    // Comment lines are dropped, also in the middle of a continued instruction (as Docker does).
    if (/^\s*#/.test(line)) return;
    if (current) {
      current.args += ` ${line.trim()}`;
    } else {
      if (line.trim() === "") return;
      const match = /^\s*([A-Za-z]+)\s*(.*)$/.exec(line);
      if (!match) throw new Error(`Dockerfile line ${index + 1}: cannot read ${JSON.stringify(line)}`);
      current = { keyword: match[1]!.toUpperCase(), args: match[2]!, line: index + 1 };
    }
    if (current.args.endsWith("\\")) {
      current.args = current.args.slice(0, -1).trimEnd();
    } else {
      current.args = current.args.trim();
      instructions.push(current);
      current = undefined;
    }
  });
  if (current) throw new Error("Dockerfile ends inside a continued line");

  const globalArgs: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === "FROM") {
      const match = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instruction.args);
      if (!match) throw new Error(`Dockerfile line ${instruction.line}: cannot read FROM ${instruction.args}`);
      stages.push({ name: match[2] ?? String(stages.length), from: match[1]!, instructions: [] });
    } else if (stages.length === 0) {
      if (instruction.keyword !== "ARG") throw new Error(`Dockerfile line ${instruction.line}: ${instruction.keyword} before FROM`);
      const [name, value = ""] = instruction.args.split("=");
      globalArgs[name!] = value;
    } else {
      stages.at(-1)!.instructions.push(instruction);
    }
  }
  return { globalArgs, stages };
}

/** `--flag=value` options at the start of COPY/HEALTHCHECK arguments, and the rest. */
export function splitFlags(args: string): { flags: Record<string, string>; rest: string } {
  const flags: Record<string, string> = {};
  let rest = args;
  for (;;) {
    const match = /^--([a-z-]+)(?:=(\S+))?\s+/.exec(rest);
    if (!match) break;
    flags[match[1]!] = match[2] ?? "true";
    rest = rest.slice(match[0].length);
  }
  return { flags, rest };
}

/** A COPY: its flags, sources and destination (shell-form words; the file uses no JSON form or spaces in paths). */
export function parseCopy(args: string): { flags: Record<string, string>; sources: string[]; dest: string } {
  const { flags, rest } = splitFlags(args);
  if (rest.startsWith("[")) throw new Error(`COPY in JSON form is not supported here: ${args}`);
  const words = rest.split(/\s+/);
  if (words.length < 2) throw new Error(`COPY needs a source and a destination: ${args}`);
  return { flags, sources: words.slice(0, -1), dest: words.at(-1)! };
}

/** ENV in its `KEY=value KEY2=value2` form (values without spaces or quotes). */
export function parseEnv(args: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const word of args.split(/\s+/)) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(\S*)$/.exec(word);
    if (!match) throw new Error(`ENV must be KEY=value pairs without spaces or quotes: ${args}`);
    env[match[1]!] = match[2]!;
  }
  return env;
}

/** The exec (JSON array) form of CMD or HEALTHCHECK CMD; the shell form is rejected (signals would go to a shell). */
export function execForm(args: string): string[] {
  const parsed: unknown = JSON.parse(args);
  if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every((item) => typeof item === "string")) {
    throw new Error(`not an exec-form command: ${args}`);
  }
  return parsed as string[];
}

export function instructions(stage: Stage, keyword: string): Instruction[] {
  return stage.instructions.filter((instruction) => instruction.keyword === keyword);
}

/** The stage's environment: every ENV instruction in order. */
export function stageEnv(stage: Stage): Record<string, string> {
  return Object.assign({}, ...instructions(stage, "ENV").map((instruction) => parseEnv(instruction.args))) as Record<string, string>;
}

/** The stage's WORKDIR (the last one; the file sets one per stage, before anything that uses it). */
export function stageWorkdir(stage: Stage): string {
  const workdirs = instructions(stage, "WORKDIR");
  if (workdirs.length !== 1) throw new Error(`stage ${stage.name} should set WORKDIR once`);
  return workdirs[0]!.args;
}
