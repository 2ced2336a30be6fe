// The image's HEALTHCHECK: exits 0 when the collector in this container is
// ready (GET /readyz answers 200: it listens and its database answers), 1
// otherwise. node:*-slim images have no curl or wget; Node's fetch does it.
// Reads the same PORT and HOST the collector does.
const port = process.env.PORT || "4000";
const host = process.env.HOST || "127.0.0.1";
// A wildcard address accepts connections on loopback too.
const target = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;

try {
  const response = await fetch(`http://${target}:${port}/readyz`, { signal: AbortSignal.timeout(4000) });
  if (!response.ok) console.error(`/readyz answered ${response.status}`);
  process.exit(response.ok ? 0 : 1);
} catch (error) {
  console.error(`/readyz did not answer: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
