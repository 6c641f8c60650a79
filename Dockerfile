# syntax=docker/dockerfile:1
# Multi-stage build: dependencies, the client and the server are built in `build`; `runtime` keeps only what runs:
# dist/ (the client, and the server compiled to JavaScript), the production node_modules and package.json.

FROM node:20-bookworm AS build
WORKDIR /app
# better-sqlite3 and argon2 are native: the full image has python3, make and g++ for node-gyp.
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
# The client into dist/client (Vite), the server and the audit verifier into dist/server (esbuild, no TypeScript
# loader at run time). In the image, `npm start` and `npm run audit:verify` run the compiled files.
RUN node scripts/build-client.mjs --force \
 && npm run build:server \
 && npm pkg set "scripts.start=node dist/server/main.js" "scripts.audit:verify=node dist/server/audit-verify.js" \
 && npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# One process serves REST, Socket.IO, /collab and the client; SIGTERM triggers a graceful shutdown.
# Verify the audit log of a running container with: docker compose exec app npm run audit:verify
CMD ["node", "dist/server/main.js"]
