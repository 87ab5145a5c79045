import { createHash } from 'node:crypto';
import { z } from 'zod';

/** What one submission may carry. Shown to clients in every lab's detail (`limits`). */
export const submissionLimits = {
  maxFiles: 50,
  maxFileBytes: 200 * 1024,
  maxTotalBytes: 1024 * 1024,
  maxPathLength: 200,
  maxPathDepth: 8,
  allowedExtensions: ['.ts', '.js', '.json', '.md', '.sql'],
} as const;

/** The HTTP body limit: the files' limit plus room for JSON escaping; past it the API answers 413. */
export const bodyLimitBytes = 4 * submissionLimits.maxTotalBytes;

const idPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const segmentPattern = /^[A-Za-z0-9_@.-]+$/;

/** Why a file name is refused, or undefined when it is a safe relative POSIX path with an allowed extension. */
export function filePathProblem(path: string): string | undefined {
  if (path.includes('\0')) return 'must not contain NUL';
  if (path.includes('\\')) return 'must use "/" as separator, not "\\"';
  if (path.startsWith('/')) return 'must be relative, not absolute';
  if (path.length > submissionLimits.maxPathLength) return `must be at most ${submissionLimits.maxPathLength} characters`;
  const segments = path.split('/');
  if (segments.length > submissionLimits.maxPathDepth) return `must be at most ${submissionLimits.maxPathDepth} levels deep`;
  for (const segment of segments) {
    if (segment === '') return 'must not contain empty segments ("//" or a trailing "/")';
    if (segment === '.' || segment === '..') return 'must not contain "." or ".." segments';
    if (!segmentPattern.test(segment)) return 'may only use letters, digits, "_", "-", "@" and "." in each segment';
  }
  if (!submissionLimits.allowedExtensions.some((extension) => path.endsWith(extension))) {
    return `must end in one of ${submissionLimits.allowedExtensions.join(', ')}`;
  }
  return undefined;
}

const submissionFileSchema = z.strictObject({
  path: z.string().superRefine((path, ctx) => {
    const problem = filePathProblem(path);
    if (problem) ctx.addIssue({ code: 'custom', message: `file name ${JSON.stringify(path.slice(0, 80))} ${problem}` });
  }),
  content: z.string().superRefine((content, ctx) => {
    const bytes = Buffer.byteLength(content, 'utf8');
    if (bytes > submissionLimits.maxFileBytes) {
      ctx.addIssue({ code: 'custom', message: `file is ${bytes} bytes; the limit is ${submissionLimits.maxFileBytes}` });
    }
  }),
});

/** The body of POST /api/submissions, before the lab-specific checks (known lab, entry file, check ids). */
export const createSubmissionBodySchema = z
  .strictObject({
    lab: z.string().regex(idPattern, 'must be a lab id such as "rate-limiter"'),
    /** Default "quick". */
    profile: z.enum(['quick', 'full']).default('quick'),
    /** Default 1: a grading replays from its seed. */
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
    /** Only these checks run (the others are reported as "skip"); default every check. */
    checks: z.array(z.string().regex(idPattern)).min(1).max(100).optional(),
    files: z.array(submissionFileSchema).min(1, 'at least one file').max(submissionLimits.maxFiles, `at most ${submissionLimits.maxFiles} files`),
  })
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    let total = 0;
    for (const [index, file] of body.files.entries()) {
      if (seen.has(file.path)) ctx.addIssue({ code: 'custom', path: ['files', index, 'path'], message: `duplicate file ${file.path}` });
      seen.add(file.path);
      total += Buffer.byteLength(file.content, 'utf8');
    }
    for (const [index, file] of body.files.entries()) {
      // "src/a.ts" and "src/a.ts/b.ts" cannot both be written: a file cannot also be a folder.
      const folders = file.path.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'));
      const clash = folders.find((folder) => seen.has(folder));
      if (clash) ctx.addIssue({ code: 'custom', path: ['files', index, 'path'], message: `${file.path} needs ${clash} to be a folder, but it is also a file` });
    }
    if (total > submissionLimits.maxTotalBytes) {
      ctx.addIssue({ code: 'custom', path: ['files'], message: `files total ${total} bytes; the limit is ${submissionLimits.maxTotalBytes}` });
    }
  });

export type CreateSubmissionBody = z.infer<typeof createSubmissionBodySchema>;
export type SubmissionFile = CreateSubmissionBody['files'][number];

/** Printable ASCII, as in the IETF Idempotency-Key draft; a UUID is a good choice. */
export const idempotencyKeySchema = z.string().regex(/^[\x21-\x7e]{1,200}$/, 'must be 1-200 printable ASCII characters');

/** The same request always hashes the same, whatever the order of its files: what an idempotent retry must match. */
export function requestHash(body: CreateSubmissionBody): string {
  const canonical = {
    lab: body.lab,
    profile: body.profile,
    seed: body.seed,
    checks: body.checks ?? null,
    files: [...body.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map((file) => [file.path, file.content]),
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}
