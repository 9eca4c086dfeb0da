// Lint rules for the whole monorepo. The libs/asl block keeps the interpreter pure: it may not
// reach the clock, randomness, timers, the process or any I/O library (see docs/architecture.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', 'coverage/**', 'services/console/**', '**/*.js', '**/*.mjs', '**/*.cjs'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { project: ['./tsconfig.test.json'], tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { patterns: [{ group: ['@stepwise/*/src/*', '@stepwise/*/src'], message: 'Import the package, not its sources.' }] }],
    },
  },
  {
    files: ['**/test/**/*.ts', 'tests/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['libs/asl/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['node:*', 'fs', 'path', 'crypto', 'http', 'https', 'net', 'child_process'], message: 'libs/asl is pure: no I/O.' },
        { group: ['ioredis', 'bullmq', 'express', '@opentelemetry/*', '@stepwise/*'], message: 'libs/asl imports no other layer.' },
      ] }],
      'no-restricted-properties': ['error',
        { object: 'Date', property: 'now', message: 'Use ctx.now (the injected clock).' },
        { object: 'Math', property: 'random', message: 'Use ctx.random() (the injected random source).' },
        { object: 'crypto', property: 'randomUUID', message: 'Use ctx.uuid().' }],
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Use new Date(ctx.now).' }],
      'no-restricted-globals': ['error',
        { name: 'setTimeout', message: 'libs/asl returns a wait decision instead of sleeping.' },
        { name: 'setInterval', message: 'libs/asl has no timers.' },
        { name: 'process', message: 'libs/asl reads nothing from the process.' },
        { name: 'fetch', message: 'libs/asl does no I/O: return a task decision.' }],
    },
  },
);
