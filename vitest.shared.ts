import { defaultServerConditions } from "vite";
import { defineProject } from "vitest/config";

// Internal packages export their TypeScript sources under the "source"
// condition, so tests run against src/ without building the packages first.
const conditions = ["source", ...defaultServerConditions];

/** Per-package Vitest project: node environment, sources resolved via the "source" condition. */
export function nodeProject(name: string, overrides: { testTimeout?: number } = {}) {
  return defineProject({
    resolve: { conditions },
    ssr: { resolve: { conditions } },
    test: {
      name,
      environment: "node",
      include: ["src/**/*.test.ts", "test/**/*.test.ts"],
      testTimeout: overrides.testTimeout ?? 20_000,
      hookTimeout: 60_000,
      // expect.poll's default of 1 s is shorter than a browser re-render or a
      // process's answer on a busy 2-core CI machine; a poll that names its own
      // timeout keeps it.
      expect: { poll: { timeout: 5000 } },
    },
  });
}
