/** Throw-away directory trees for config discovery tests. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TempRepo {
  root: string;
  /** Absolute path of a file or directory in the repo. */
  at(relative: string): string;
  write(relative: string, content: string): string;
  exists(relative: string): boolean;
  cleanup(): void;
}

export function tempRepo(files: Record<string, string> = {}): TempRepo {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-inject-config-')));
  const repo: TempRepo = {
    root,
    at: (relative) => path.join(root, relative),
    write(relative, content) {
      const file = path.join(root, relative);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
      return file;
    },
    exists: (relative) => fs.existsSync(path.join(root, relative)),
    cleanup: () => fs.rmSync(root, { recursive: true, force: true }),
  };
  for (const [file, content] of Object.entries(files)) repo.write(file, content);
  return repo;
}

/** JS source that proves it ran by creating `marker`. */
export function markerScript(marker: string, exported = '{ mesh: "none" }', format: 'cjs' | 'esm' = 'cjs'): string {
  const write = `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'executed');`;
  return format === 'cjs'
    ? `${write}\nmodule.exports = ${exported};\n`
    : `import fs from 'node:fs';\nfs.writeFileSync(${JSON.stringify(marker)}, 'executed');\nexport default ${exported};\n`;
}
