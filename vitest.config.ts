import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'labs/*/vitest.config.ts', 'apps/*/vitest.config.ts'],
    // Graders measure timing against real processes: test files run one at a time so that they do not
    // steal each other's CPU on small machines.
    fileParallelism: false,
  },
});
