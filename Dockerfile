# mockdock image: build and bundle in one stage, ship the bundled CLI (one file, plus the chunks it loads on first use) and the web UI's assets on a bare Node base.

# Any Node 20+ image with a `node` user works (alpine, bookworm-slim, a mirror of either).
ARG NODE_IMAGE=node:20-alpine

# ---- build: full dependency tree (incl. dev tools), type check, bundle into dist/cli.js
FROM ${NODE_IMAGE} AS build
ENV NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false
WORKDIR /build
# Lockfile first, so the dependency layer is reused until the lockfile changes.
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json ./
COPY src ./src
# Build, then prove the bundle stands alone: run it from a folder with no node_modules.
RUN npm run build \
 && mkdir /standalone \
 && cp -r dist/cli.js dist/lazy /standalone/ \
 && cd /standalone \
 && node cli.js --help > /dev/null \
 && node cli.js schema > /dev/null \
 && node -e "for (const f of require('fs').readdirSync('lazy')) require('./lazy/' + f)"

# ---- runtime: the Node base plus one bundled file and the seed config; no npm install at all
FROM ${NODE_IMAGE} AS runtime
ARG VERSION=0.1.0
# The repository the image is built from: pass it with --build-arg SOURCE=<url> (no default is guessed).
ARG SOURCE=""
LABEL org.opencontainers.image.title="mockdock" \
      org.opencontainers.image.description="Docker-first HTTP API mock server: endpoints from YAML/JSON files, hot reload, traffic shaping, request logs and Prometheus metrics" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.licenses="MIT"
ENV NODE_ENV=production \
    MOCKDOCK_CONFIG=/config \
    PORT=8080 \
    HOST=0.0.0.0
WORKDIR /app
# Root-owned and read-only for the `node` user: the process cannot rewrite its own code.
COPY --from=build /build/dist/cli.js /app/cli.js
# Large dependencies only some configs use (proxy, Redis, faker, GraphQL), required from here on first use.
COPY --from=build /build/dist/lazy /app/lazy
# The web UI's bundle beside it: the server finds /app/ui next to /app/cli.js (GET /__ui).
COPY --from=build /build/dist/ui /app/ui
# The seed examples: what an anonymous volume starts with when no folder is mounted.
COPY config/ /config/
USER node
VOLUME /config
EXPOSE 8080
# Node itself does the probe (the image has no curl). 127.0.0.1 reaches HOST=0.0.0.0 and HOST=::.
# With TLS turned on by MOCKDOCK_TLS or MOCKDOCK_TLS_CERT it probes over HTTPS (the certificate is not checked).
# start-interval (Docker 25+) probes every second while starting, so `compose up --wait` is quick.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --start-interval=1s --retries=3 \
  CMD ["node", "-e", "require(process.env.MOCKDOCK_TLS||process.env.MOCKDOCK_TLS_CERT?'https':'http').get({host:'127.0.0.1',port:process.env.PORT||8080,path:'/__health',rejectUnauthorized:false,timeout:2500},r=>process.exit(r.statusCode===200?0:1)).on('error',()=>process.exit(1)).on('timeout',()=>process.exit(1))"]
# The server handles SIGTERM itself (drains, exits 0), so it is safe as PID 1 even without --init.
ENTRYPOINT ["node", "/app/cli.js"]
CMD ["serve"]
