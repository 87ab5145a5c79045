// Architecture boundaries live here as lint rules, not as prose (see ARCHITECTURE.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const frameworkAndDrivers = ['react', 'react-dom', '@xyflow/*', 'pg', 'ioredis', 'bullmq', 'monaco-editor'];
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

const forbid = (names, why) => ({
  'no-restricted-imports': [
    'error',
    { patterns: [{ group: names, message: why }] },
  ],
});

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/.turbo/**', '**/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['packages/lab-kit/src/**/*.ts'],
    rules: forbid(frameworkAndDrivers, 'lab-kit is framework-free: labs import drivers themselves.'),
  },
  {
    files: ['packages/sim/src/**/*.ts'],
    rules: forbid(
      [...frameworkAndDrivers, ...nodeBuiltins],
      'sim is pure TypeScript: no React, drivers, DOM or Node built-ins (it runs in a Web Worker).',
    ),
  },
  {
    files: ['packages/sim/src/**/*.ts'],
    languageOptions: { globals: {} },
    rules: { 'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'setTimeout', 'setInterval'] },
  },
);
