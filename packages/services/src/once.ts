/** Runs `operation` on the first call; every call gets that same promise (idempotent stop and drop). */
export function once(operation: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= operation());
}
