# The closewatch image: the collector (the default command) and the demo
# (`node apps/demo/dist/main.js`), as docker-compose.yml runs them.
#
#   docker build -t closewatch .
#
# Both stages' steps live in deploy/docker/build.sh. deploy/test/ runs the
# build stage's RUN lines on a copy of the repository and starts the result
# with this file's ENV, CMD and HEALTHCHECK (the machines that run the tests
# have no Docker engine), and checks this file's structure.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
# Manifests first: npm ci reruns only when a dependency changes. npm ci needs
# every workspace's package.json (a test checks this list against the workspaces).
COPY package.json package-lock.json .npmrc ./
COPY packages/agent/package.json packages/agent/
COPY packages/close-codes/package.json packages/close-codes/
COPY packages/db/package.json packages/db/
COPY packages/protocol/package.json packages/protocol/
COPY apps/bench/package.json apps/bench/
COPY apps/collector/package.json apps/collector/
COPY apps/dashboard/package.json apps/dashboard/
COPY apps/demo/package.json apps/demo/
COPY deploy/package.json deploy/
COPY deploy/docker/build.sh deploy/docker/
RUN sh deploy/docker/build.sh install
COPY . .
RUN sh deploy/docker/build.sh build runtime

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    CLOSEWATCH_DATA_DIR=/var/lib/closewatch
WORKDIR /app
# The application files stay root's and read-only to the process. Writable:
# the data directory (the embedded database, when DATABASE_URL is unset) and
# /credentials, where docker-compose.yml's collector-init service leaves the
# token Prometheus scrapes with (a named volume takes this owner on first use).
RUN mkdir -p /var/lib/closewatch /credentials \
 && chown 1000:1000 /var/lib/closewatch /credentials
COPY --from=build /src/runtime/ /app/
# The official image's `node` user, by number, so that a runtime (e.g.
# Kubernetes' runAsNonRoot) can verify it is not root.
USER 1000:1000
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "deploy/docker/healthcheck.mjs"]
CMD ["node", "apps/collector/dist/main.js"]
