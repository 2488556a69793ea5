import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Generated validators import the package's runtime entry; in tests it is the source file.
    alias: { 'charter/runtime': fileURLToPath(new URL('./core/schema/runtime.ts', import.meta.url)) },
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // PGlite and PostgreSQL suites open real databases; two workers match the machine's two cores.
    maxWorkers: 2,
  },
});
