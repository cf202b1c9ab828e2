/**
 * YAML files under a directory outside a git work tree, honouring its .gitignore. Symlinked
 * directories are not followed; symlinks, FIFOs and the like named `*.yaml` are listed, so the
 * reader can say what they are. A directory that cannot be read is reported, never skipped quietly.
 */
import { join } from 'node:path';
import type { FileSystem } from './host.js';

const YAML_FILE = /\.ya?ml$/i;
const NEVER = new Set(['node_modules', '.git']);

interface Walked {
  files: string[];
  unreadable: Array<{ path: string; error: unknown }>;
}

export async function walkYamlFiles(dir: string, fs: FileSystem): Promise<Walked> {
  const { default: ignore } = await import('ignore');
  const rules = ignore().add(await fs.readFile(join(dir, '.gitignore'), 'utf8').catch(() => ''));
  const walked: Walked = { files: [], unreadable: [] };
  const visit = async (rel: string): Promise<void> => {
    let entries;
    try {
      entries = await fs.readdir(join(dir, rel), { withFileTypes: true });
    } catch (error) {
      walked.unreadable.push({ path: join(dir, rel), error });
      return;
    }
    const subdirs: string[] = [];
    for (const entry of entries) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!NEVER.has(entry.name) && !rules.ignores(`${path}/`)) subdirs.push(path);
      } else if (YAML_FILE.test(entry.name) && !rules.ignores(path)) {
        walked.files.push(join(dir, path));
      }
    }
    await Promise.all(subdirs.map(visit));
  };
  await visit('');
  return walked;
}
