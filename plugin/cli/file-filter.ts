/** Applies a config's `files.include` / `files.exclude` globs, relative to the config file's folder. */
import { dirname, relative, sep } from 'node:path';
import picomatch from 'picomatch';
import type { InjectConfig } from '../../transformer/index.js';

const matchers = new Map<string, (path: string) => boolean>();

function matcher(globs: readonly string[]): (path: string) => boolean {
  const key = JSON.stringify(globs);
  let match = matchers.get(key);
  if (!match) {
    match = globs.length ? picomatch([...globs], { dot: true }) : () => false;
    matchers.set(key, match);
  }
  return match;
}

export function isSelectedFile(file: string, config: InjectConfig, configFile: string | undefined, cwd: string): boolean {
  const base = configFile ? dirname(configFile) : cwd;
  const rel = relative(base, file).split(sep).join('/');
  if (rel.startsWith('../')) return true;
  const included = matcher(config.files.include)(rel);
  return included && !matcher(config.files.exclude)(rel);
}
