import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { onTeardown } from '@archlab/proc';
import { createPool } from './db/pool.ts';
import {
  connectCommandRedis,
  createGradingQueue,
  defaultQueueName,
  defaultRetryPolicy,
  type GradingRetryPolicy,
} from './grading-queue.ts';
import { installErrorHandling } from './http/api-error.ts';
import type { ApiContext } from './http/context.ts';
import { createEventHub } from './http/event-hub.ts';
import { fixedWindowLimiter } from './http/fixed-window-limiter.ts';
import { serveWebApp } from './http/static-web.ts';
import { loadLabCatalog, type LabCatalog } from './labs/lab-catalog.ts';
import { eventRoutes } from './routes/events.ts';
import { healthRoutes } from './routes/health.ts';
import { labRoutes } from './routes/labs.ts';
import { submissionRoutes } from './routes/submissions.ts';
import { bodyLimitBytes } from './submission-request.ts';

export interface ApiOptions {
  databaseUrl: string;
  redisUrl: string;
  /** Default "gradings". */
  queueName?: string;
  /** Submissions per client per minute. Default 10. */
  submissionsPerMinute?: number;
  /** Default 3 attempts, 2000 ms exponential backoff. */
  retryPolicy?: GradingRetryPolicy;
  /** Vite's dist/ of apps/web, served under / with SPA fallback. Default: not served. */
  webDist?: string;
  /** Trust X-Forwarded-For (behind a proxy): the client is then the forwarded address. Default false. */
  trustProxy?: boolean;
  /** How often a live SSE stream re-reads Postgres without a nudge. Default 2000 ms. */
  streamPollMs?: number;
  /** Pino level for request logs, or false for none. Default false. */
  logLevel?: string | false;
  /** Default: every lab of the workspace. */
  catalog?: LabCatalog;
  /** Default crypto.randomUUID. */
  newId?: () => string;
}

export interface Api {
  readonly app: FastifyInstance;
  /** Listens on 127.0.0.1 unless `host` is given; resolves to the base URL. */
  listen(port: number, host?: string): Promise<string>;
  /** Ends streams, stops listening, closes Redis and Postgres. Idempotent. */
  close(): Promise<void>;
}

/** The HTTP API with its own Postgres pool and Redis connections. Its routes are listed in README.md. */
export async function createApi(options: ApiOptions): Promise<Api> {
  const logLevel = options.logLevel ?? false;
  const app = Fastify({
    logger: logLevel === false ? false : { level: logLevel },
    bodyLimit: bodyLimitBytes,
    // Behind a proxy, trust only our own proxy (hop 0) and so the address it saw. Trusting the whole
    // X-Forwarded-For chain would let a client choose its own address and walk around the submission limit.
    trustProxy: options.trustProxy ? (_address: string, hop: number) => hop === 0 : false,
    forceCloseConnections: true,
  });
  const pool = createPool(options.databaseUrl, { onIdleError: (error) => app.log.warn({ err: error }, 'postgres connection lost') });
  const redis = connectCommandRedis(options.redisUrl);
  const subscriber = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  subscriber.on('error', () => undefined);
  const queue = createGradingQueue(redis, options.queueName ?? defaultQueueName);
  const hub = createEventHub(subscriber);

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await app.close();
      await Promise.allSettled([queue.close(), hub.close(), pool.end()]);
      redis.disconnect();
    })());
  const release = onTeardown('archlab api', close);

  try {
    const context: ApiContext = {
      pool,
      redis,
      queue,
      catalog: options.catalog ?? (await loadLabCatalog()),
      hub,
      submissionLimiter: fixedWindowLimiter(redis, {
        prefix: `archlab:ratelimit:submissions:${options.queueName ?? defaultQueueName}`,
        limit: options.submissionsPerMinute ?? 10,
        windowMs: 60_000,
      }),
      retryPolicy: options.retryPolicy ?? defaultRetryPolicy,
      streamPollMs: options.streamPollMs ?? 2000,
      newId: options.newId ?? randomUUID,
    };
    installErrorHandling(app);
    // JSON only: a text/plain body would otherwise reach the routes as a string.
    app.removeContentTypeParser('text/plain');
    healthRoutes(app, context);
    labRoutes(app, context);
    submissionRoutes(app, context);
    eventRoutes(app, context);
    if (options.webDist) serveWebApp(app, options.webDist);
    await app.ready();
  } catch (error) {
    await release();
    throw error;
  }

  return {
    app,
    async listen(port, host = '127.0.0.1') {
      await app.listen({ port, host });
      const address = app.server.address();
      const bound = typeof address === 'object' && address ? address.port : port;
      return `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${bound}`;
    },
    close: release,
  };
}
