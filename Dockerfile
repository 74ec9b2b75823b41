# Koperasi Credit Exchange: one image for the API, the queue worker, migrations and the CLI.
#   API:        node dist/src/main.js        (default CMD)
#   worker:     node dist/src/worker.js
#   migrations: npm run migration:run
#   CLI:        node dist/src/cli.js <command>
#   The web console (dist/console) is served by the API at /console/.
# See docker-compose.yml for a complete stack.

ARG NODE_IMAGE=node:24-bookworm-slim

# ---- build: all dependencies, compile, then drop dev dependencies ----
FROM ${NODE_IMAGE} AS build
# Only a fallback: bcrypt and msgpackr-extract ship prebuilt binaries, but should a platform lack one,
# node-gyp needs these to compile it. They never reach the runtime image.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# swagger-ui-dist's @scarf/scarf postinstall phones home unless told not to.
ENV SCARF_ANALYTICS=false \
    npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false
COPY package.json package-lock.json ./
RUN npm ci
COPY nest-cli.json tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY migrations ./migrations
COPY src ./src
RUN npm run build \
 && test -f dist/src/main.js \
 && test -f dist/src/worker.js \
 && test -f dist/src/cli.js \
 && test -f dist/src/common/database/cli-data-source.js \
 && test -f dist/console/app.js \
 && npm prune --omit=dev

# ---- runtime: production node_modules, dist/, package files and scripts/ only ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    npm_config_update_notifier=false \
    npm_config_fund=false
WORKDIR /app
# Files stay owned by root: the service only reads them. No src/ here, so scripts/ensure-built.js
# (run before `npm run migration:run` and `npm run cli`) does nothing.
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/scripts ./scripts
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node directly (not npm) so SIGTERM reaches the process and graceful shutdown runs.
CMD ["node", "dist/src/main.js"]
