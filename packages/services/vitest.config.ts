import { defineProject } from 'vitest/config';

export default defineProject({
  // Real servers start in these tests, on 2 shared cores: give a cold PostgreSQL start room.
  test: { name: 'services', include: ['test/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 60_000 },
});
