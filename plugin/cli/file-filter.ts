/** Applies a config's `files.include` / `files.exclude` globs, relative to the config file's folder. */
import { dirname, relative, sep } from 'node:path';
import type { InjectConfig } from '../../transformer/index.js';

type Matcher = (path: string) => boolean;
const matchers = new Map<string, Matcher>();
const DEFAULT_INCLUDE = JSON.stringify(['**/*.yaml', '**/*.yml']);

async function matcher(globs: readonly string[]): Promise<Matcher> {
  const key = JSON.stringify(globs);
  let match = matchers.get(key);
  if (!match) {
    if (!globs.length) match = () => false;
    else if (key === DEFAULT_INCLUDE) match = (path) => /\.ya?ml$/.test(path);
    else {
      const { default: picomatch } = await import('picomatch');
      match = picomatch([...globs], { dot: true });
    }
    matchers.set(key, match);
  }
  return match;
}

export async function isSelectedFile(file: string, config: InjectConfig, configFile: string | undefined, cwd: string): Promise<boolean> {
  const base = configFile ? dirname(configFile) : cwd;
  const rel = relative(base, file).split(sep).join('/');
  if (rel.startsWith('../')) return true;
  const included = (await matcher(config.files.include))(rel);
  return included && !(await matcher(config.files.exclude))(rel);
}
