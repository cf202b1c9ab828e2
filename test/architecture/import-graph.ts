/**
 * The project's import graph as the source states it: every relative `import`/`export ... from`
 * and `import('...')`, type-only ones included (a type cycle still ties two modules together).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export interface Module {
  /** Repo-relative path with `/`. */
  path: string;
  /** Relative specifiers resolved to repo-relative paths. */
  imports: string[];
  /** Bare specifiers (`node:fs`, `yaml`). */
  packages: string[];
}

const SPECIFIER = /(?:\bimport|\bexport)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(REPO, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out.sort();
}

export function readModule(path: string): Module {
  // Comments may quote imports (`import { x } from './y.js'` in a doc example): drop them first.
  const text = readFileSync(join(REPO, path), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const imports: string[] = [];
  const packages: string[] = [];
  for (const match of text.matchAll(SPECIFIER)) {
    const spec = match[1] ?? match[2]!;
    if (!spec.startsWith('.')) {
      packages.push(spec);
      continue;
    }
    const target = relative(REPO, resolve(REPO, dirname(path), spec)).split(sep).join('/');
    imports.push(target.replace(/\.js$/, '.ts'));
  }
  return { path, imports, packages };
}

/** Strongly connected components with more than one module (or a module importing itself). */
export function importCycles(modules: readonly Module[]): string[][] {
  const edges = new Map(modules.map((m) => [m.path, m.imports]));
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!edges.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || edges.get(v)!.includes(v)) cycles.push(component.sort());
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return cycles;
}
