import helmet from "@fastify/helmet";
import fp from "fastify-plugin";

/**
 * Security headers on every answer, and a content security policy that lets
 * the dashboard load only its own code: a reason or service name that smuggles
 * markup in could never pull in or run a script, even if it escaped React's
 * escaping. Styles allow 'unsafe-inline' because React and Recharts set
 * `style` attributes; scripts do not.
 */
export const securityHeadersPlugin = fp(
  async (app) => {
    await app.register(helmet, {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", "data:"],
          fontSrc: ["'self'"],
          // 'self' covers the live socket (ws:// or wss:// to the same host) in current browsers.
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      // The collector often runs on plain HTTP (localhost, behind a TLS proxy): HSTS belongs to
      // whoever terminates TLS, and upgrade-insecure-requests would break a plain-HTTP dashboard.
      strictTransportSecurity: false,
    });
  },
  { name: "closewatch-security-headers" },
);
