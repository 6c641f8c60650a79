# syntax=docker/dockerfile:1
# Multi-stage build: dependencies and the client build happen in `build`; `runtime` keeps only what runs.

FROM node:20-bookworm AS build
WORKDIR /app
# better-sqlite3 and argon2 are native: the full image has python3, make and g++ for node-gyp.
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN node scripts/build-client.mjs --force && npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/server ./server
COPY --from=build /app/collab ./collab
COPY --from=build /app/shared ./shared
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# One process serves REST, Socket.IO, /collab and the client; SIGTERM triggers a graceful shutdown.
CMD ["node", "--import", "tsx", "server/main.ts"]
