# The web app: built with Vite, served by nginx, which also proxies /api to the API (SSE included).
#   docker build -f docker/web.Dockerfile -t archlab/web .
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN npm install --global pnpm@10.34.9
COPY . .
RUN pnpm install --frozen-lockfile --filter "@archlab/web..." --filter archlab \
  && pnpm --filter @archlab/web build

FROM nginx:1.27-alpine
# The official image renders /etc/nginx/templates/*.template with the environment at start.
ENV API_UPSTREAM=http://api:3000
COPY docker/web.nginx.conf.template /etc/nginx/templates/default.conf.template
COPY --from=build /app/apps/web/dist /usr/share/nginx/html
EXPOSE 80
