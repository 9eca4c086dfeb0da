# syntax=docker/dockerfile:1
# One image for every Stepwise service; the command selects it: api | scheduler | worker | all.
#   docker build -t stepwise .
#   docker run -e REDIS_URL=redis://redis:6379 -p 8083:8083 stepwise api
# Stage 1 builds the TypeScript workspaces and the console; stage 2 keeps only production dependencies; the
# runtime stage holds compiled JavaScript and those dependencies and runs as a non-root user.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json tsconfig.json tsconfig.base.json ./
COPY libs ./libs
COPY services ./services
RUN npm ci --no-audit --no-fund
# tsc -b for every workspace, then the console's vite build (served by the api).
RUN npm run build

FROM build AS prod-deps
# Keep what the services need at run time: drop dev dependencies, sources, tests and build info
# (the engine's Lua scripts stay: they are read from libs/engine/src/scripts at run time).
COPY deploy/docker/prune-sources.sh /tmp/prune-sources.sh
RUN npm prune --omit=dev --no-audit --no-fund \
 && sh /tmp/prune-sources.sh /src

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    APP_DIR=/app
WORKDIR /app
COPY --from=prod-deps --chown=node:node /src/package.json ./package.json
COPY --from=prod-deps --chown=node:node /src/node_modules ./node_modules
COPY --from=prod-deps --chown=node:node /src/libs ./libs
COPY --from=prod-deps --chown=node:node /src/services ./services
COPY --chown=node:node --chmod=0755 deploy/docker/entrypoint.sh /usr/local/bin/stepwise
COPY --chown=node:node deploy/docker/healthcheck.mjs /app/healthcheck.mjs
# The base image's unprivileged user (uid 1000); Kubernetes runs it with runAsNonRoot.
USER node
EXPOSE 8083 9464
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "/app/healthcheck.mjs"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/stepwise"]
CMD ["api"]
