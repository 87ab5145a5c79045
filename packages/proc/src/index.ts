export { onTeardown, teardownAll, pendingTeardowns, installInterruptHandlers } from './teardown.ts';
export { spawnManaged } from './managed-process.ts';
export type { ManagedProcess, SpawnManagedOptions, ExitInfo } from './managed-process.ts';
export { makeTempDir, memoryBackedTempRoot } from './temp-dir.ts';
export type { TempDir } from './temp-dir.ts';
export { freePort } from './free-port.ts';
export { OutputTail } from './output-tail.ts';
export { waitFor, sleep } from './wait.ts';
