# The API: TypeScript source run with tsx, as in development. Build from the repository root:
#   docker build -f docker/api.Dockerfile -t archlab/api .
FROM node:20-bookworm-slim
WORKDIR /app
RUN npm install --global pnpm@10.34.9
COPY . .
# The API, its workspace dependencies, the labs it lists (imported at start) and the root's tsx.
RUN pnpm install --frozen-lockfile --filter "@archlab/api..." --filter "./labs/*..." --filter archlab \
  && chown -R node:node /app
USER node
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
EXPOSE 3000
CMD ["node", "--import", "tsx", "apps/api/src/main.ts"]
