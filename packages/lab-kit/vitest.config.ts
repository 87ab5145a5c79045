import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'lab-kit', include: ['test/**/*.test.ts'] },
});
