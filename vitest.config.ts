import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Store suites share the real Redis and PostgreSQL; each uses its own namespace, so files may run in parallel.
    pool: 'forks',
  },
});
