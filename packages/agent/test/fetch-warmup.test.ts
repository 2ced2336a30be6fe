import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

// Node loads its fetch implementation on first use, a few ms of synchronous
// work; createAgent must take that hit at setup, not at the first flush in the
// middle of the host's traffic. Checked in a fresh process (this one may have
// loaded undici already), against the built agent that `npm test` builds first.
const dist = fileURLToPath(new URL("../dist/index.js", import.meta.url));

it.runIf(existsSync(dist))("createAgent loads Node's fetch implementation up front", () => {
  const script = `
    const loaded = () => process.moduleLoadList.some((m) => m.includes("undici"));
    const before = loaded();
    const { createAgent } = await import(${JSON.stringify(dist)});
    createAgent({ endpoint: "http://127.0.0.1:9", service: "warm-up", onError: () => {} });
    console.log(JSON.stringify({ before, after: loaded() }));
  `;
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  expect(JSON.parse(out)).toEqual({ before: false, after: true });
});
