# syntax=docker/dockerfile:1
# Partnership Bot, production image: compiled JavaScript on plain node, production dependencies only, non-root.
#   docker build -t partnership-bot .        (or: podman build -t partnership-bot .)
# The README's "Running in production" says how to run it; test/image/image-steps.test.ts runs these steps.
ARG NODE_VERSION=26

# --- build: all dependencies, compile, then drop the development ones ---------------------------------------------
FROM node:${NODE_VERSION}-slim AS build
WORKDIR /app
# better-sqlite3 installs a prebuilt binary when one exists for this Node and platform, else node-gyp compiles it.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev --no-audit --no-fund && mkdir -p state

# --- runtime ------------------------------------------------------------------------------------------------------
FROM node:${NODE_VERSION}-slim
ENV NODE_ENV=production \
    DATA_DIR=/app/data \
    DB_PATH=/var/lib/partnership-bot/partnership-bot.db \
    STORE_SPOOL_DIR=/var/lib/partnership-bot/spool \
    OPS_HOST=0.0.0.0 \
    OPS_PORT=9464
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY data ./data
# The database's folder, owned by the unprivileged user the bot runs as (`node`, uid 1000, from the base image).
COPY --from=build --chown=node:node /app/state /var/lib/partnership-bot
USER node
# data/: the curated knowledge (mount your own to edit it without a rebuild); the database, its id-hashing key and,
# with DATABASE_URL, the spool of questions kept while PostgreSQL is away (STORE_SPOOL_DIR).
VOLUME ["/app/data", "/var/lib/partnership-bot"]
EXPOSE 9464
STOPSIGNAL SIGTERM
# Healthy = ready: every surface connected and the database writable (GET /readyz on OPS_PORT).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 CMD ["node", "dist/entry/healthcheck.js"]
# One process: Discord and/or Telegram, whichever tokens are set. Sharded Discord: ["node", "--enable-source-maps", "dist/entry/sharding.js"].
CMD ["node", "--enable-source-maps", "dist/entry/main.js"]
