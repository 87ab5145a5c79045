import react from '@vitejs/plugin-react';
import { defineProject } from 'vitest/config';

export default defineProject({
  plugins: [react()],
  test: {
    name: 'web',
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // Component tests opt into jsdom with a `@vitest-environment jsdom` docblock; e2e tests drive a real
    // Chromium from Node against the built app, which the global setup builds once per run.
    environment: 'node',
    globalSetup: ['test/e2e/build-once.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
