import { defineProject } from 'vitest/config';

export default defineProject({
  // Real Postgres, Redis, worker processes and gradings: give them room on 2 shared cores.
  test: { name: 'worker', include: ['test/**/*.test.ts'], setupFiles: ['test/setup.ts'], testTimeout: 90_000, hookTimeout: 60_000 },
});
