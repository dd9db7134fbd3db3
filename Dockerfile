# syntax=docker/dockerfile:1
# Dialog Lab's container image. The build stage installs the dependencies (with the compilers a native module
# needs when no prebuilt binary fits) and drops the development ones; the runtime stage is a slim Node with the
# sources, a non-root user and tini as PID 1, so SIGTERM reaches node and the 20 s drain runs.
ARG NODE_VERSION=24

FROM node:${NODE_VERSION}-bookworm AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# Production runs the TypeScript sources with Node's own type stripping: no loader, so dev dependencies all go.
RUN npm ci --no-audit --no-fund \
 && npm prune --omit=dev --no-audit --no-fund
COPY tsconfig.json ./
COPY commands ./commands
COPY prompts ./prompts
COPY src ./src

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
# The metrics and health server listens on every interface: inside the container only the container network
# reaches it, and the HEALTHCHECK below asks it.
ENV NODE_ENV=production \
    DATA_DIR=/data \
    METRICS_PORT=9464 \
    METRICS_HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app /app
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 9464
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.METRICS_PORT}/readyz`).then((response) => process.exit(response.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["tini", "--"]
CMD ["node", "src/main.ts"]
