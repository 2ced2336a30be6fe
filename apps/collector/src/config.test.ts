import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

describe("CLOSEWATCH_MAX_ROUTES_PER_SERVICE", () => {
  it("defaults to 20 and accepts 1 to 1000", () => {
    expect(loadConfig({}).maxRoutesPerService).toBe(20);
    expect(loadConfig({ CLOSEWATCH_MAX_ROUTES_PER_SERVICE: "1" }).maxRoutesPerService).toBe(1);
    expect(loadConfig({ CLOSEWATCH_MAX_ROUTES_PER_SERVICE: "1000" }).maxRoutesPerService).toBe(1000);
  });

  it.each(["0", "1001", "2.5", "many"])("rejects %s", (value) => {
    expect(() => loadConfig({ CLOSEWATCH_MAX_ROUTES_PER_SERVICE: value })).toThrow(ConfigError);
    expect(() => loadConfig({ CLOSEWATCH_MAX_ROUTES_PER_SERVICE: value })).toThrow(/CLOSEWATCH_MAX_ROUTES_PER_SERVICE must be an integer from 1 to 1000/);
  });
});
