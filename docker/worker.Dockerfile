# A grading worker. Graders start their own Redis and PostgreSQL per run (the runner's local provider), so
# the server binaries ship in the image, and bubblewrap confines candidate code (GRADING_ISOLATION=sandbox,
# the default; it needs user namespaces, which Docker's default seccomp profile blocks: run the container
# with a profile that allows them, or set GRADING_ISOLATION=process and isolate at the container level).
# Build from the repository root:
#   docker build -f docker/worker.Dockerfile -t archlab/worker .
FROM node:20-bookworm-slim
RUN apt-get update \
  && apt-get install -y --no-install-recommends redis-server postgresql bubblewrap \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
RUN npm install --global pnpm@10.34.9
COPY . .
RUN pnpm install --frozen-lockfile --filter "@archlab/worker..." --filter "./labs/*..." --filter archlab \
  && chown -R node:node /app
# Not root: PostgreSQL refuses to run as root, and candidate code must not get it.
USER node
ENV NODE_ENV=production
CMD ["node", "--import", "tsx", "apps/worker/src/main.ts"]
