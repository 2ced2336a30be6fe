#!/bin/sh
# Builds closewatch for the container image. The Dockerfile's build stage runs
# both steps; deploy/test/docker-image.test.ts runs the same RUN lines on a copy
# of the repository (there is no Docker engine where the tests run), then
# starts the assembled tree the way the image's CMD and HEALTHCHECK do.
#
#   build.sh install       npm ci from package-lock.json. Only the manifests are
#                          needed, so Docker reuses this layer until a
#                          dependency changes.
#   build.sh build <dir>   Turborepo build of the collector and the demo, then
#                          production dependencies only, and the runtime tree
#                          (manifests, dist/, node_modules, migrations)
#                          assembled into <dir>, relative to the repository root:
#                          what the runtime stage copies to /app.
#
# It prunes devDependencies from node_modules, so it refuses to run in a git
# checkout (a developer's working copy); the Docker build context has no .git.
set -eu
cd "$(dirname "$0")/../.."

if [ -e .git ]; then
  echo "build.sh: this looks like a git checkout; run it on a copy (it removes devDependencies)" >&2
  exit 1
fi

export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1 CHECKPOINT_DISABLE=1

case "${1:-}" in
install)
  # --ignore-scripts: the only install scripts in the tree are the Prisma CLI's
  # (a Node version check, and a download of the native schema engine from
  # Prisma's binary host). The build does not need the engine:
  # packages/db/scripts/generate.mjs generates the client without it, so the
  # image builds without access to that host. npm 11 skips these scripts
  # unless allowed; the npm 10 of the node:20 image would run them.
  npm ci --ignore-scripts --no-audit --no-fund
  ;;
build)
  out="${2:?usage: build.sh build <output dir>}"
  # --force: build rather than restore outputs from a Turborepo cache. A
  # container build has none; a build outside Docker must not use one either.
  npx turbo run build --filter=@closewatch/collector... --filter=@closewatch/demo... --force --output-logs=errors-only
  # Production dependencies only. --omit=optional as well: the Prisma CLI,
  # TypeScript and their dependencies are optional peers of @prisma/client that
  # npm keeps otherwise ("devOptional" in the lockfile). The runtime needs no
  # optional dependency (the only other one, pg-cloudflare, is for Workers).
  npm prune --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund
  rm -rf "$out"
  mkdir -p "$out/prisma" "$out/deploy/docker"
  cp -a package.json package-lock.json node_modules "$out/"
  # The workspaces the collector and the demo load at runtime: manifest and build output, no sources.
  for ws in packages/protocol packages/close-codes packages/db packages/agent apps/dashboard apps/collector apps/demo; do
    mkdir -p "$out/$ws"
    cp -a "$ws/package.json" "$ws/dist" "$out/$ws/"
  done
  # The links npm made to workspaces that are not in the image (the benchmarks).
  find "$out/node_modules/@closewatch" -xtype l -delete
  # Applied at startup by @closewatch/db (resolved from packages/db/dist).
  cp -a prisma/migrations "$out/prisma/"
  cp -a deploy/docker/healthcheck.mjs "$out/deploy/docker/"
  ;;
*)
  echo "usage: build.sh install | build.sh build <output dir>" >&2
  exit 2
  ;;
esac
