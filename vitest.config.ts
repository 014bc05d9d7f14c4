import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Property-based and fuzz suites do real work; keep a generous per-test ceiling
    // while the whole suite stays well under the CI budget.
    testTimeout: 30_000,
    restoreMocks: true,
  },
});
