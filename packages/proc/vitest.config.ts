import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'proc', include: ['test/**/*.test.ts'] },
});
