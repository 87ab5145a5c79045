import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ApiError } from '../http/api-error.ts';
import type { ApiContext } from '../http/context.ts';
import { parseSubmissionId } from '../http/submission-id.ts';
import { eventsAfter } from '../store/events.ts';
import { findSubmission, findSubmissionStatus } from '../store/submissions.ts';
import { submissionView } from '../submission-view.ts';

const heartbeatMs = 15_000;
const pageSize = 500;
const cursorSchema = z.coerce.number().int().min(0);

function frame(event: string, data: unknown, id?: number): string {
  return `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * GET /api/submissions/:id/events: Server-Sent Events. The stored history first (after Last-Event-ID or
 * ?after=), then live events, then one `result` event with the submission, then the stream ends.
 */
export function eventRoutes(app: FastifyInstance, context: ApiContext): void {
  const { pool, hub, streamPollMs } = context;
  const open = new Set<ServerResponse>();
  app.addHook('preClose', async () => {
    for (const response of open) response.end();
  });

  app.get('/api/submissions/:id/events', async (request, reply) => {
    const id = parseSubmissionId(request.params);
    const cursor = cursorSchema.safeParse(request.headers['last-event-id'] ?? (request.query as { after?: unknown }).after ?? 0);
    if (!cursor.success) throw new ApiError(400, 'invalid-cursor', 'Last-Event-ID / ?after= must be an event id (a whole number)');
    if (!(await findSubmission(pool, id))) throw new ApiError(404, 'not-found', `no submission ${id}`);
    // The client may have gone while we looked the submission up: its 'close' has fired already.
    if (request.raw.socket.destroyed) return reply.hijack();

    reply.hijack();
    const response = reply.raw;
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    response.write('retry: 2000\n\n');
    open.add(response);

    let lastId = cursor.data;
    let closed = false;
    let pumping = false;
    let again = false;
    const stop = () => {
      if (closed) return;
      closed = true;
      open.delete(response);
      unwatch();
      clearInterval(poll);
      clearInterval(heartbeat);
      response.end();
    };
    // Serialized: a nudge during a pump makes it go round once more instead of running two at once.
    const pump = async () => {
      if (pumping) {
        again = true;
        return;
      }
      pumping = true;
      try {
        do {
          again = false;
          // The status first: a result is written after its run's last event, so "done" here means every
          // event read below is the last of them.
          const status = await findSubmissionStatus(pool, id);
          for (let page = await eventsAfter(pool, id, lastId, pageSize); page.length > 0 && !closed; ) {
            for (const event of page) response.write(frame('progress', event, event.id));
            lastId = page[page.length - 1]?.id ?? lastId;
            page = page.length === pageSize ? await eventsAfter(pool, id, lastId, pageSize) : [];
          }
          const finished = status === 'done' && !closed ? await findSubmission(pool, id) : undefined;
          if (finished) {
            response.write(frame('result', submissionView(finished)));
            stop();
          }
        } while (again && !closed);
      } catch (error) {
        request.log.warn({ err: error, submission: id }, 'event stream could not read Postgres; retrying on the next poll');
      } finally {
        pumping = false;
      }
    };
    const unwatch = hub.watch(id, () => void pump());
    const poll = setInterval(() => void pump(), streamPollMs);
    const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), heartbeatMs);
    request.raw.on('close', stop);
    response.on('close', stop);
    await pump();
  });
}
