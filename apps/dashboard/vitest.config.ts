import { nodeProject } from "../../vitest.shared.js";

// Pure helpers only (node environment, no DOM): src/**/*.test.ts beside the code.
export default nodeProject("dashboard");
