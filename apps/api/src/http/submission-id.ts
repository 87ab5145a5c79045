import { z } from 'zod';
import { ApiError } from './api-error.ts';

const idSchema = z.uuid();

export function parseSubmissionId(params: unknown): string {
  const parsed = idSchema.safeParse((params as { id?: unknown }).id);
  if (!parsed.success) throw new ApiError(400, 'invalid-id', 'submission ids are UUIDs');
  return parsed.data;
}
