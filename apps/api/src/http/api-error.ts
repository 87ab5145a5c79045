import type { FastifyError, FastifyInstance } from 'fastify';
import type { z } from 'zod';

/**
 * The one error shape of the API: `{ error: { code, message, issues? } }`. `code` is stable (clients switch
 * on it), `message` is for people, `issues` point at the offending fields of a body.
 */
export interface ErrorBody {
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: { path: string; message: string }[],
    /** Extra response headers, e.g. Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) } };
  }
}

export function issuesOf(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.slice(0, 20).map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

export function invalidBody(error: z.ZodError, what = 'body'): ApiError {
  const issues = issuesOf(error);
  const first = issues[0];
  const summary = first ? `${first.path ? `${first.path}: ` : ''}${first.message}` : 'invalid';
  return new ApiError(400, 'invalid-body', `invalid ${what}: ${summary}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`, issues);
}

// Fastify's own errors for bad requests, mapped to stable codes.
const fastifyCodes: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'body-too-large', message: 'request body too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported-media-type', message: 'send the body as application/json' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'invalid-json', message: 'the JSON body is empty' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'invalid-json', message: 'the body is not valid JSON' },
};

/** Every error leaves as the error shape; 5xx never carry internals (the log has them). */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    if (error instanceof ApiError) return reply.code(error.status).headers(error.headers).send(error.body());
    const known = error.code ? fastifyCodes[error.code] : undefined;
    if (known) return reply.code(known.status).send(new ApiError(known.status, known.code, known.message).body());
    if (error instanceof SyntaxError || (error.statusCode === 400 && error.message.includes('JSON'))) {
      return reply.code(400).send(new ApiError(400, 'invalid-json', 'the body is not valid JSON').body());
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.code(error.statusCode).send(new ApiError(error.statusCode, 'bad-request', error.message).body());
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send(new ApiError(500, 'internal', 'internal error; it was logged').body());
  });
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send(new ApiError(404, 'not-found', `no route ${request.method} ${request.url.split('?')[0]}`).body());
  });
}
