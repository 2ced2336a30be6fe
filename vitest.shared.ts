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
    },
  });
}
