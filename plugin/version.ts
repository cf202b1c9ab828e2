/** Kept in step with package.json by test/plugin/version.test.ts. */
export const VERSION = '0.1.0';
