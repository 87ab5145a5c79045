/**
 * A readable one-line reason. Connecting to a name with several addresses (localhost -> ::1, 127.0.0.1)
 * fails with an AggregateError whose own message is empty; its parts carry the reasons.
 */
export function describeError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return error.errors.map(describeError).join('; ');
  }
  if (error instanceof Error) return error.message || (error as { code?: string }).code || error.name;
  return String(error);
}
