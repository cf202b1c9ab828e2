/** What every end-to-end test needs: the repository root and whether a tool is on PATH. */
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');

export function onPath(command: string, path = process.env.PATH ?? ''): boolean {
  return path.split(delimiter).some((dir) => dir !== '' && existsSync(join(dir, command)));
}

/** The first missing tool, after printing `skipped: <tool> not found`; fails when the CLI is not built. */
export function missingTool(...commands: string[]): string | undefined {
  const missing = commands.find((c) => !onPath(c));
  if (missing) {
    console.log(`skipped: ${missing} not found`);
    return missing;
  }
  if (!existsSync(join(REPO, 'dist/bundle/mesh-inject.js'))) throw new Error('dist/bundle is missing: run `npm run build` before the end-to-end tests');
  return undefined;
}
