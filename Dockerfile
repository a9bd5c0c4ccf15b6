# syntax=docker/dockerfile:1
# Tessera's container image: the server, the built web app and production dependencies only, on
# Node.js 22 LTS, running as an unprivileged user. It writes nowhere but the data volume (/data,
# used by the embedded database) and /tmp, so it runs with a read-only root filesystem.
#
#   docker build -t tessera .
#   docker run -p 8080:8080 -v tessera-data:/data tessera           # embedded database
#   docker run ... -e DATABASE_URL=postgres://... -e TESSERA_SECRET=... tessera
#   docker run ... tessera migrate | export FILE | import FILE        # the other commands

ARG NODE_IMAGE=node:22-bookworm-slim

# All dependencies (the build needs the compilers), installed from the lock file. Only the
# manifests are copied first, so this layer is reused until a dependency changes. Install scripts
# run only for argon2 (a prebuilt native module), as package.json's allowScripts says.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY apps/server/package.json apps/server/
COPY apps/web/package.json apps/web/
COPY libs/domain/package.json libs/domain/
COPY libs/mail/package.json libs/mail/
RUN npm ci --no-audit --no-fund --ignore-scripts && npm rebuild argon2

# The server and libraries (tsc) and the web app (vite).
FROM deps AS build
COPY tsconfig.json ./
COPY libs/ libs/
COPY apps/ apps/
RUN npm run build

# Production dependencies only, for every workspace, without the npm cache.
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY apps/server/package.json apps/server/
COPY apps/web/package.json apps/web/
COPY libs/domain/package.json libs/domain/
COPY libs/mail/package.json libs/mail/
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm rebuild argon2 \
 && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ARG VERSION=0.1.0
ARG REVISION=unknown
ARG CREATED=unknown
ARG SOURCE=unknown
LABEL org.opencontainers.image.title="Tessera" \
      org.opencontainers.image.description="Self-hostable, open-source help desk: email and API requests become numbered tickets, with queues, SLAs and a web workspace" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.base.name="${NODE_IMAGE}"

# HOST: inside a container the server must listen on every interface to be reachable at all.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    TESSERA_DATA_DIR=/data

RUN groupadd --system --gid 10001 tessera \
 && useradd --system --uid 10001 --gid tessera --home-dir /data --no-create-home \
      --shell /usr/sbin/nologin tessera \
 && mkdir -p /data \
 && chown tessera:tessera /data \
 && chmod 0700 /data

WORKDIR /app
# package.json files and node_modules (with the workspace links) of the production install...
COPY --from=prod-deps /app ./
# ...then what the build produced: compiled server and libraries, the CLI entry, the web app.
COPY --from=build /app/libs/domain/dist libs/domain/dist
COPY --from=build /app/libs/mail/dist libs/mail/dist
COPY --from=build /app/apps/server/dist apps/server/dist
COPY --from=build /app/apps/server/bin apps/server/bin
COPY --from=build /app/apps/web/dist apps/web/dist
COPY LICENSE ./

USER 10001:10001
EXPOSE 8080

# No curl in the slim image: Node's own fetch asks /healthz.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

ENTRYPOINT ["node", "apps/server/bin/tessera.js"]
CMD ["serve"]
