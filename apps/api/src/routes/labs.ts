import type { FastifyInstance } from 'fastify';
import { ApiError } from '../http/api-error.ts';
import type { ApiContext } from '../http/context.ts';

export function labRoutes(app: FastifyInstance, { catalog }: ApiContext): void {
  app.get('/api/labs', async () => ({ labs: catalog.summaries() }));

  app.get('/api/labs/:id', async (request) => {
    const { id } = request.params as { id: string };
    const detail = catalog.detail(id);
    if (!detail) throw new ApiError(404, 'unknown-lab', `no lab "${id}"; GET /api/labs lists them`);
    return detail;
  });
}
