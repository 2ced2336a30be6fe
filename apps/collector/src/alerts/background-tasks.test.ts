import { describe, expect, it } from "vitest";
import { BackgroundTasks } from "./background-tasks.js";

describe("BackgroundTasks", () => {
  it("runs tasks of one key in order and others alongside, and survives a failing task", async () => {
    const log: string[] = [];
    const errors: unknown[] = [];
    const tasks = new BackgroundTasks((error) => errors.push(error));
    let releaseFirst!: () => void;
    tasks.run("a", () => new Promise<void>((resolve) => (releaseFirst = () => (log.push("a1"), resolve()))));
    tasks.run("a", async () => void log.push("a2"));
    tasks.run("b", async () => {
      log.push("b1");
      throw new Error("receiver down");
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual(["b1"]); // a2 waits for a1
    releaseFirst();
    await tasks.idle();
    expect(log).toEqual(["b1", "a1", "a2"]);
    expect(errors).toEqual([new Error("receiver down")]);
  });

  it("aborts running tasks on close", async () => {
    const tasks = new BackgroundTasks(() => {});
    let aborted = false;
    tasks.run("a", (signal) => new Promise<void>((resolve) => signal.addEventListener("abort", () => ((aborted = true), resolve()))));
    await new Promise((resolve) => setImmediate(resolve)); // the task is running
    await tasks.close();
    expect(aborted).toBe(true);
  });
});
