/** Temp directories for a test file, removed after each test. */
import { afterEach } from 'vitest';
import { tempTree } from './run-cli.js';

/** Call at module level; the function it returns makes a tree of `files` and gives its path. */
export function useTempTrees(): (files?: Record<string, string>) => string {
  let cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of cleanups) cleanup();
    cleanups = [];
  });
  return (files = {}) => {
    const { dir, cleanup } = tempTree(files);
    cleanups.push(cleanup);
    return dir;
  };
}
