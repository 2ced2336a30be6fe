import { nodeProject } from "../../vitest.shared.js";

// The smoke run starts collectors, databases and load processes: give it room.
export default nodeProject("bench", { testTimeout: 180_000 });
