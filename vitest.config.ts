import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Prints the one `skipped:` line when ../shared (the conformance data) is absent.
    globalSetup: ['test/helpers/shared-data-notice.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
