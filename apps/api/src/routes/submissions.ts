import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { LabDefinition } from '@archlab/lab-kit';
import { enqueueGrading } from '../grading-queue.ts';
import { ApiError, invalidBody } from '../http/api-error.ts';
import type { ApiContext } from '../http/context.ts';
import { parseSubmissionId } from '../http/submission-id.ts';
import { findSubmission, findSubmissionFiles, insertSubmission } from '../store/submissions.ts';
import {
  createSubmissionBodySchema,
  idempotencyKeySchema,
  requestHash,
  type CreateSubmissionBody,
} from '../submission-request.ts';
import { submissionView } from '../submission-view.ts';

const enqueueTimeoutMs = 3000;

/** The checks a body may only make against the lab it names. */
function labProblems(lab: LabDefinition<unknown>, body: CreateSubmissionBody): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  if (body.profile === 'full' && !lab.profiles.full) problems.push({ path: 'profile', message: `lab ${lab.id} has no "full" profile` });
  const known = new Set(lab.checks.map((check) => check.id));
  for (const [index, id] of (body.checks ?? []).entries()) {
    if (!known.has(id)) problems.push({ path: `checks.${index}`, message: `lab ${lab.id} has no check "${id}"; its checks: ${[...known].join(', ')}` });
  }
  if (!body.files.some((file) => file.path === lab.candidate.entry)) {
    problems.push({ path: 'files', message: `the lab starts ${lab.candidate.entry}: include that file` });
  }
  return problems;
}

function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return undefined;
  const parsed = idempotencyKeySchema.safeParse(header);
  if (!parsed.success) throw new ApiError(400, 'invalid-idempotency-key', `Idempotency-Key ${parsed.error.issues[0]?.message ?? 'is invalid'}`);
  return parsed.data;
}

export function submissionRoutes(app: FastifyInstance, context: ApiContext): void {
  const { pool, catalog, queue, submissionLimiter, retryPolicy } = context;

  app.post('/api/submissions', async (request, reply) => {
    const client = request.ip;
    const decision = await submissionLimiter.take(client);
    if (decision === undefined) request.log.warn('submission rate limit unavailable (Redis); letting the request through');
    if (decision && !decision.allowed) {
      const retryAfter = String(Math.max(1, Math.ceil(decision.resetMs / 1000)));
      throw new ApiError(429, 'rate-limited', `too many submissions; retry in ${retryAfter} s`, undefined, { 'retry-after': retryAfter });
    }
    const idempotencyKey = idempotencyKeyOf(request);
    const parsed = createSubmissionBodySchema.safeParse(request.body);
    if (!parsed.success) throw invalidBody(parsed.error);
    const body = parsed.data;
    const lab = catalog.definition(body.lab);
    if (!lab) {
      throw new ApiError(400, 'unknown-lab', `no lab "${body.lab}"; GET /api/labs lists them`, [{ path: 'lab', message: 'unknown lab' }]);
    }
    const problems = labProblems(lab, body);
    if (problems.length > 0) {
      throw new ApiError(400, 'invalid-body', `invalid body: ${problems[0]?.path}: ${problems[0]?.message}`, problems);
    }

    let outcome: Awaited<ReturnType<typeof insertSubmission>>;
    try {
      outcome = await insertSubmission(pool, {
        id: context.newId(),
        body,
        client,
        idempotencyKey,
        requestHash: requestHash(body),
      });
    } catch (error) {
      request.log.error({ err: error }, 'could not store a submission');
      throw new ApiError(503, 'unavailable', 'could not store the submission right now; retry with the same Idempotency-Key');
    }
    if (outcome.kind === 'key-reused') {
      throw new ApiError(422, 'idempotency-key-reused', 'this Idempotency-Key was used for a different request');
    }
    const { submission } = outcome;
    if (submission.status !== 'done') {
      // Stored first, queued second: when Redis is away the workers' reconciler enqueues it later.
      const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('enqueue timed out')), enqueueTimeoutMs).unref());
      await Promise.race([enqueueGrading(queue, submission.id, retryPolicy), timeout]).catch((error: unknown) => {
        request.log.warn({ err: error, submission: submission.id }, 'stored but not queued yet; the reconciler will queue it');
      });
    }
    const current = (await findSubmission(pool, submission.id)) ?? { submission, result: null };
    return reply
      .code(outcome.kind === 'created' ? 201 : 200)
      .header('location', `/api/submissions/${submission.id}`)
      .header('idempotent-replayed', outcome.kind === 'replayed' ? 'true' : 'false')
      .send(submissionView(current));
  });

  app.get('/api/submissions/:id', async (request) => {
    const id = parseSubmissionId(request.params);
    const found = await findSubmission(pool, id);
    if (!found) throw new ApiError(404, 'not-found', `no submission ${id}`);
    return submissionView(found);
  });

  app.get('/api/submissions/:id/files', async (request) => {
    const id = parseSubmissionId(request.params);
    const files = await findSubmissionFiles(pool, id);
    if (!files) throw new ApiError(404, 'not-found', `no submission ${id}`);
    return { files };
  });
}
