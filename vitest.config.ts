import { defineConfig } from 'vitest/config';

// Test tiers (design.md): unit beside the core, contract suites on both databases,
// e2e over real HTTP, and browser tests in Chromium. Each run uses one database: SQLite, or
// PostgreSQL when TEST_DATABASE_URL is set (test/support/database.ts); scripts/test-all.sh
// runs contract and e2e once with each.
export default defineConfig({
  test: {
    projects: [
      // Property tests and real signatures run many iterations: a shared, busy machine needs room.
      { test: { name: 'unit', include: ['src/**/*.test.ts'], testTimeout: 30_000 } },
      { test: { name: 'contract', include: ['test/contract/**/*.test.ts'], testTimeout: 30_000 } },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
