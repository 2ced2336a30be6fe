import {
  anonymousClient,
  droppedConnection,
  flooder,
  largeMessage,
  navigatingClient,
  oversizedUpload,
  politeClient,
  replacedSession,
  type Scenario,
  staleSession,
} from "./scenarios.js";

/** How often each scenario runs, relative to the others: mostly normal traffic, with a steady trickle of 1008/1009. */
export function weightedScenarios(maxPayload: number, messagesPerSecond: number): Array<[Scenario, number]> {
  return [
    [politeClient, 30],
    [navigatingClient, 10],
    // Most bursts overshoot the limit a little, some by far, a few not at all.
    [flooder(Math.round(messagesPerSecond * 0.9), Math.round(messagesPerSecond * 1.6)), 9],
    [flooder(messagesPerSecond * 3, messagesPerSecond * 6), 3],
    [staleSession, 8],
    [oversizedUpload(maxPayload), 14],
    [largeMessage(maxPayload), 10],
    [droppedConnection, 6],
    [replacedSession, 4],
    [anonymousClient, 3],
  ];
}

function pick(scenarios: Array<[Scenario, number]>): Scenario {
  const total = scenarios.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = Math.random() * total;
  for (const [scenario, weight] of scenarios) {
    roll -= weight;
    if (roll < 0) return scenario;
  }
  return scenarios[0]![0];
}

/**
 * Starts a client every `intervalMs` until stopped; errors of single clients
 * are ignored. `url` is asked each time, so traffic follows a restarted server.
 */
export function runTraffic(url: () => string, scenarios: Array<[Scenario, number]>, intervalMs: number): { stop(): Promise<void> } {
  const running = new Set<Promise<void>>();
  const timer = setInterval(() => {
    const run = pick(scenarios)(url()).catch(() => {});
    running.add(run);
    void run.finally(() => running.delete(run));
  }, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await Promise.allSettled([...running]);
    },
  };
}
