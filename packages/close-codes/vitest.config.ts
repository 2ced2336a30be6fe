import { nodeProject } from "../../vitest.shared.js";

export default nodeProject("close-codes");
