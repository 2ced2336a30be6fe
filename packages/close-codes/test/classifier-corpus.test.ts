import { describe, expect, it } from "vitest";
import { causesForCode } from "../src/causes.js";
import { classifyClose } from "../src/classify.js";
import { REASON_CORPUS, type CorpusEntry } from "./fixtures/reason-corpus.js";

interface Miss {
  entry: CorpusEntry;
  got: string;
}

function evaluate(corpus: readonly CorpusEntry[]) {
  const misses: Miss[] = [];
  for (const entry of corpus) {
    const got = classifyClose({ code: entry.code, reason: entry.reason }).cause;
    if (got !== entry.cause) misses.push({ entry, got });
  }
  return { misses, accuracy: (corpus.length - misses.length) / corpus.length };
}

/** Text that says nothing about a cause: the classifier must leave it unspecified. */
const isSilent = (entry: CorpusEntry) => entry.cause === "unspecified";

describe("classifier on the labelled reason corpus", () => {
  it("has a corpus large and varied enough to mean something", () => {
    expect(REASON_CORPUS.length).toBeGreaterThanOrEqual(200);
    expect(REASON_CORPUS.filter(isSilent).length / REASON_CORPUS.length).toBeGreaterThanOrEqual(0.25);
    // Every 1008 and 1009 cause is represented.
    for (const code of [1008, 1009]) {
      for (const cause of causesForCode(code)) {
        expect(REASON_CORPUS.some((e) => e.code === code && e.cause === cause), `${code}/${cause}`).toBe(true);
      }
    }
    // Labels are causes the classifier is allowed to return.
    for (const entry of REASON_CORPUS) {
      expect(causesForCode(entry.code), JSON.stringify(entry)).toContain(entry.cause);
    }
  });

  it("classifies at least 95% of the corpus correctly", () => {
    const { misses, accuracy } = evaluate(REASON_CORPUS);
    const confusion = new Map<string, number>();
    for (const { entry, got } of misses) {
      const key = `${entry.code} ${entry.cause} -> ${got}`;
      confusion.set(key, (confusion.get(key) ?? 0) + 1);
    }
    // Printed on purpose: the summary is the useful output when a rule changes.
    console.log(
      `reason corpus: ${REASON_CORPUS.length - misses.length}/${REASON_CORPUS.length} correct (accuracy ${accuracy.toFixed(4)})\n` +
        [...confusion].map(([key, n]) => `  ${key}: ${n}`).join("\n") +
        "\n" +
        misses.map(({ entry, got }) => `  miss: ${entry.code} ${JSON.stringify(entry.reason)} expected ${entry.cause}, got ${got} [${entry.source}]`).join("\n"),
    );
    expect(accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it("does not guess a cause for text that names none (at most 2% false causes)", () => {
    const silent = REASON_CORPUS.filter(isSilent);
    const guessed = silent.filter((entry) => classifyClose({ code: entry.code, reason: entry.reason }).cause !== "unspecified");
    expect(guessed.length / silent.length, JSON.stringify(guessed)).toBeLessThanOrEqual(0.02);
  });

  it("reports only the causes it was sure of as reason-based, with a meaningful confidence", () => {
    for (const entry of REASON_CORPUS) {
      const result = classifyClose({ code: entry.code, reason: entry.reason });
      if (result.source === "reason") {
        expect(result.confidence).toBeGreaterThanOrEqual(0.6);
        expect(result.confidence).toBeLessThan(1);
      }
      if (result.cause === "unspecified") expect(result.confidence).toBe(0);
    }
  });
});
