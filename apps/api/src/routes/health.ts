import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../http/context.ts';

async function probe(check: () => Promise<unknown>): Promise<'up' | 'down'> {
  try {
    await check();
    return 'up';
  } catch {
    return 'down';
  }
}

export function healthRoutes(app: FastifyInstance, { pool, redis }: ApiContext): void {
  // Readiness: 200 only when both stores answer (load balancers and Kubernetes probe it).
  app.get('/api/health', async (_request, reply) => {
    const [postgres, redisState] = await Promise.all([probe(() => pool.query('SELECT 1')), probe(() => redis.ping())]);
    const ok = postgres === 'up' && redisState === 'up';
    return reply.code(ok ? 200 : 503).send({ ok, postgres, redis: redisState });
  });
}
