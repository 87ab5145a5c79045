// The API as the browser uses it: typed calls, responses checked on arrival, and one error type that
// carries the API's own message (`{ error: { code, message, issues } }`) so the page can show it as is.
import type { z } from 'zod';
import { errorBodySchema, labDetailSchema, labListSchema, submissionFilesSchema, submissionViewSchema } from './api-schemas.ts';
import type { ApiIssue, LabDetail, LabSummary, SubmissionView, WorkspaceFile } from './api-schemas.ts';

/** `status` 0 means the API could not be reached at all. */
export class LabApiError extends Error {
  override readonly name = 'LabApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: readonly ApiIssue[] = [],
  ) {
    super(message);
  }

  /** Worth sending again with the same Idempotency-Key: the request may never have arrived. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 502 || this.status === 503 || this.status === 504;
  }
}

export interface CreateSubmission {
  lab: string;
  files: readonly WorkspaceFile[];
  /** Default: the API's ("quick"). */
  profile?: 'quick' | 'full';
}

export interface LabApi {
  listLabs(signal?: AbortSignal): Promise<LabSummary[]>;
  getLab(id: string, signal?: AbortSignal): Promise<LabDetail>;
  /**
   * POST /api/submissions. A request that may not have arrived (network error, 502-504) is sent again with
   * the same Idempotency-Key, so a retry never makes a second submission.
   */
  createSubmission(body: CreateSubmission, idempotencyKey: string): Promise<SubmissionView>;
  getSubmission(id: string, signal?: AbortSignal): Promise<SubmissionView>;
  getSubmissionFiles(id: string, signal?: AbortSignal): Promise<WorkspaceFile[]>;
  /** The event stream of a submission, from after event `after` (0: from the start). */
  eventsUrl(id: string, after: number): string;
}

export interface LabApiOptions {
  /** Prefix of every API path. Default "" (same origin as the page). */
  baseUrl?: string;
  /** Default: the global fetch. */
  fetch?: typeof fetch;
  /** Waits before each resend of a submission. Default [500, 1500] ms (three tries in all). */
  retryDelaysMs?: readonly number[];
  /** Default: a timer. Injected so tests need not wait. */
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createLabApi(options: LabApiOptions = {}): LabApi {
  const baseUrl = options.baseUrl ?? '';
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const retryDelaysMs = options.retryDelaysMs ?? [500, 1500];
  const sleep = options.sleep ?? defaultSleep;

  async function request<S extends z.ZodType>(schema: S, path: string, init: RequestInit = {}): Promise<z.infer<S>> {
    let response: Response;
    try {
      response = await fetchImpl(baseUrl + path, { ...init, headers: { accept: 'application/json', ...init.headers } });
    } catch (error) {
      if (init.signal?.aborted) throw error;
      throw new LabApiError(0, 'unreachable', `could not reach the API (${(error as Error).message})`);
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (!response.ok) {
      const parsed = errorBodySchema.safeParse(body);
      if (parsed.success) throw new LabApiError(response.status, parsed.data.error.code, parsed.data.error.message, parsed.data.error.issues);
      throw new LabApiError(response.status, 'http-error', `the API answered ${response.status} ${response.statusText}`.trim());
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new LabApiError(response.status, 'unexpected-response', `unexpected answer from ${path}: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'not JSON'}`);
    }
    return parsed.data;
  }

  const submissionPath = (id: string) => `/api/submissions/${encodeURIComponent(id)}`;

  return {
    listLabs: async (signal) => (await request(labListSchema, '/api/labs', signal ? { signal } : {})).labs,
    getLab: (id, signal) => request(labDetailSchema, `/api/labs/${encodeURIComponent(id)}`, signal ? { signal } : {}),
    async createSubmission(body, idempotencyKey) {
      const init: RequestInit = {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
        body: JSON.stringify({ lab: body.lab, files: body.files, ...(body.profile ? { profile: body.profile } : {}) }),
      };
      for (let attempt = 0; ; attempt++) {
        try {
          return await request(submissionViewSchema, '/api/submissions', init);
        } catch (error) {
          const delay = retryDelaysMs[attempt];
          if (!(error instanceof LabApiError) || !error.retryable || delay === undefined) throw error;
          await sleep(delay);
        }
      }
    },
    getSubmission: (id, signal) => request(submissionViewSchema, submissionPath(id), signal ? { signal } : {}),
    getSubmissionFiles: async (id, signal) => (await request(submissionFilesSchema, `${submissionPath(id)}/files`, signal ? { signal } : {})).files,
    eventsUrl: (id, after) => `${baseUrl}${submissionPath(id)}/events${after > 0 ? `?after=${after}` : ''}`,
  };
}
