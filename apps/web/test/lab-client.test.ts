// The browser's API client and event-stream follower, against real HTTP servers on loopback that answer as
// the API does, including the failures the real one cannot be asked for on cue.
import { afterEach, describe, expect, it } from 'vitest';
import type { GradingEvent, SubmissionView } from '../src/labs/api-schemas.ts';
import { createLabApi, LabApiError } from '../src/labs/lab-api.ts';
import { followSubmission } from '../src/labs/submission-stream.ts';
import { sendJson, startScriptedServer } from './support/scripted-server.ts';
import type { ScriptedServer } from './support/scripted-server.ts';

const servers: ScriptedServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function scripted(handle: Parameters<typeof startScriptedServer>[0]) {
  const server = await startScriptedServer(handle);
  servers.push(server);
  return server;
}

const noWait = () => Promise.resolve();
const submission = (status: SubmissionView['status']): SubmissionView => ({
  id: '7b0a4bb0-5a4c-4a0e-9a55-1d7f8b2b1c11',
  lab: 'rate-limiter',
  profile: 'quick',
  seed: 1,
  status,
  attempts: status === 'queued' ? 0 : 1,
  createdAt: '2026-11-25T07:00:00.000Z',
  startedAt: null,
  finishedAt: null,
  result: null,
});

describe('lab API client', () => {
  it('resends a submission that may not have arrived with the same Idempotency-Key, and stops at the first answer', async () => {
    const server = await scripted((request, response, index) => {
      if (index === 0) return sendJson(response, 503, { error: { code: 'unavailable', message: 'could not store the submission right now' } });
      sendJson(response, 201, submission('queued'));
    });
    const api = createLabApi({ baseUrl: server.origin, sleep: noWait });
    const created = await api.createSubmission({ lab: 'rate-limiter', files: [{ path: 'src/server.ts', content: 'x' }] }, 'key-1');
    expect(created.status).toBe('queued');
    expect(server.requests.map((r) => [r.method, r.url, r.headers['idempotency-key']])).toEqual([
      ['POST', '/api/submissions', 'key-1'],
      ['POST', '/api/submissions', 'key-1'],
    ]);
    expect(JSON.parse(server.requests[1]!.body)).toEqual({ lab: 'rate-limiter', files: [{ path: 'src/server.ts', content: 'x' }] });
  });

  it('does not resend what the API refused, and carries its message and issues', async () => {
    const server = await scripted((_request, response) =>
      sendJson(response, 400, {
        error: { code: 'invalid-body', message: 'invalid body: files.0.path: file name "x.txt" must end in one of .ts', issues: [{ path: 'files.0.path', message: 'must end in .ts' }] },
      }),
    );
    const api = createLabApi({ baseUrl: server.origin, sleep: noWait });
    const error = await api.createSubmission({ lab: 'rate-limiter', files: [{ path: 'x.txt', content: '' }] }, 'key-2').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LabApiError);
    expect(error).toMatchObject({ status: 400, code: 'invalid-body', message: 'invalid body: files.0.path: file name "x.txt" must end in one of .ts', issues: [{ path: 'files.0.path', message: 'must end in .ts' }] });
    expect(server.requests).toHaveLength(1);
  });

  it('gives up after its retries, and says when the API is unreachable', async () => {
    const server = await scripted((_request, response) => sendJson(response, 503, { error: { code: 'unavailable', message: 'down' } }));
    const api = createLabApi({ baseUrl: server.origin, sleep: noWait, retryDelaysMs: [1, 1] });
    await expect(api.createSubmission({ lab: 'x', files: [] }, 'k')).rejects.toMatchObject({ status: 503, message: 'down' });
    expect(server.requests).toHaveLength(3);
    await server.close();
    await expect(createLabApi({ baseUrl: server.origin, retryDelaysMs: [] }).listLabs()).rejects.toMatchObject({ status: 0, code: 'unreachable' });
  });

  it('refuses an answer that does not have the shape it expects', async () => {
    const server = await scripted((_request, response) => sendJson(response, 200, { labs: [{ id: 'x' }] }));
    await expect(createLabApi({ baseUrl: server.origin }).listLabs()).rejects.toMatchObject({ code: 'unexpected-response', message: expect.stringMatching(/^unexpected answer from \/api\/labs: labs\.0\.title/) });
  });
});

function frame(event: string, data: unknown, id?: number) {
  return `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
const stored = (id: number, event: GradingEvent) => ({ id, attempt: 1, at: '2026-11-25T07:00:00.000Z', event });

describe('submission stream', () => {
  it('reopens a cut stream after the last event it saw, and ends with the result', async () => {
    const server = await scripted((request, response, index) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      if (index === 0) {
        response.write('retry: 2000\n\n');
        response.write(frame('progress', stored(1, { type: 'attempt-start', attempt: 1 }), 1));
        response.write(frame('progress', stored(2, { type: 'phase', message: 'starting services' }), 2));
        response.write(frame('progress', { id: 3, attempt: 1, at: 'x', event: { type: 'from-the-future' } }, 3));
        return response.end();
      }
      expect(request.url).toMatch(/\/events\?after=3$/);
      response.write(frame('progress', stored(4, { type: 'check-start', id: 'contract', title: 'Contract', index: 0, total: 1 }), 4));
      response.end(frame('result', { ...submission('done'), result: { outcome: 'could-not-grade', verdict: 'error', score: 0, maxScore: 100, error: 'redis did not start' } }));
    });
    const api = createLabApi({ baseUrl: server.origin });
    const events: string[] = [];
    const done = await new Promise<SubmissionView>((resolve, reject) => {
      followSubmission(api, 'sub-1', { onEvent: (event, meta) => events.push(`${meta.id}:${event.type}`), onResult: resolve, onError: reject }, { sleep: noWait });
    });
    expect(events).toEqual(['1:attempt-start', '2:phase', '4:check-start']);
    expect(done.result).toMatchObject({ outcome: 'could-not-grade', error: 'redis did not start' });
    expect(server.requests.map((r) => r.url)).toEqual(['/api/submissions/sub-1/events', '/api/submissions/sub-1/events?after=3']);
  });

  it('stops on a 4xx with the API message, and after too many empty reconnects', async () => {
    const gone = await scripted((_request, response) => sendJson(response, 404, { error: { code: 'not-found', message: 'no submission sub-2' } }));
    const notFound = await new Promise<LabApiError>((resolve) => {
      followSubmission(createLabApi({ baseUrl: gone.origin }), 'sub-2', { onEvent: () => undefined, onResult: () => undefined, onError: resolve }, { sleep: noWait });
    });
    expect(notFound).toMatchObject({ status: 404, message: 'no submission sub-2' });
    expect(gone.requests).toHaveLength(1);

    const silent = await scripted((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.end(': nothing yet\n\n');
    });
    const lost = await new Promise<LabApiError>((resolve) => {
      followSubmission(createLabApi({ baseUrl: silent.origin }), 'sub-3', { onEvent: () => undefined, onResult: () => undefined, onError: resolve }, { sleep: noWait, maxReconnects: 2 });
    });
    expect(lost.code).toBe('stream-lost');
    expect(silent.requests).toHaveLength(3);
  });
});
