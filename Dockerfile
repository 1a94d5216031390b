# hlab sweeps on a cluster: the CLI and the built kernels, nothing else (see README,
# "Beyond one machine"). Build it after `npm ci && npm run build:wasm && npm run build:cli`,
# so the image runs the very .wasm and CLI bundle that were tested here:
#   docker build -t hlab-sweep .
FROM node:20-slim

# tini as PID 1: it forwards SIGTERM (a Job's deletion) to node and reaps worker threads' zombies.
RUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY package.json package-lock.json ./
# Runtime dependencies only; --ignore-scripts because "prepare" builds with the dev tools.
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY bin/ ./bin/
COPY build/wasm/ ./build/wasm/
COPY build/cli/ ./build/cli/

# Traces are read from /traces and results written to /results (volumes in deploy/sweep-job.yaml).
RUN mkdir -p /traces /results && chown node:node /results
USER node
ENTRYPOINT ["/usr/bin/tini", "--", "node", "/app/bin/hlab.mjs"]
CMD ["--help"]
