import { defineProject } from 'vitest/config';

export default defineProject({
  // Real Postgres and Redis start in these tests, on 2 shared cores.
  test: { name: 'api', include: ['test/**/*.test.ts'], setupFiles: ['test/setup.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
});
