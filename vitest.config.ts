// One vitest run for the monorepo. Workspace packages resolve to their TypeScript sources, so
// unit and integration tests need no build; end-to-end tests spawn the built services (npm test
// builds first). A single Redis server is started for the whole run (tests/global-redis.ts) and
// every test takes its own key prefix.
import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@stepwise\/(asl|config|protocol|observability|engine|testkit|testing)$/, replacement: src('./libs/$1/src/index.ts') },
      { find: /^@stepwise\/(api|worker|scheduler|all-in-one|cli)$/, replacement: src('./services/$1/src/index.ts') },
    ],
  },
  test: {
    globalSetup: ['./tests/global-redis.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    exclude: ['**/node_modules/**', '**/dist/**', 'services/console/**'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['libs/asl/test/**/*.test.ts', 'libs/config/test/**/*.test.ts', 'libs/protocol/test/**/*.test.ts', 'libs/testing/test/**/*.test.ts', 'services/cli/test/**/*.test.ts', 'tests/repo/**/*.test.ts', 'tests/chaos/**/*.unit.test.ts'] } },
      { extends: true, test: { name: 'integration', include: ['libs/engine/test/**/*.test.ts', 'libs/observability/test/**/*.test.ts', 'libs/testkit/test/**/*.test.ts', 'services/api/test/**/*.test.ts', 'services/worker/test/**/*.test.ts', 'services/scheduler/test/**/*.test.ts', 'services/all-in-one/test/**/*.test.ts', 'tests/conformance/**/*.test.ts', 'tests/deploy/**/*.test.ts'] } },
      { extends: true, test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts', 'tests/chaos/**/*.test.ts'], exclude: ['**/node_modules/**', '**/dist/**', 'tests/chaos/**/*.unit.test.ts'], fileParallelism: false } },
    ],
  },
});
