/**
 * `kustomize build .` (or `kubectl kustomize .` when there is no kustomize binary) for an app
 * directory with a kustomization; directories without one are read by app-files.ts. The output
 * comes back as bytes, for the caller to decode strictly. A failing kustomize is an error with
 * its stderr; nothing here writes to stdout.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

/** The file names kustomize accepts, in its order of preference. */
const KUSTOMIZATION_FILES: readonly string[] = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

export function kustomizationIn(dir: string): string | undefined {
  return KUSTOMIZATION_FILES.find((name) => existsSync(path.join(dir, name)));
}

type KustomizeOutcome = { ok: true; stdout: Buffer; tool: string } | { ok: false; message: string };

export async function kustomizeBuild(dir: string, env: Env): Promise<KustomizeOutcome> {
  const childEnv = withHome(env);
  const direct = findOnPath('kustomize', env.PATH);
  const [file, args] = direct ? [direct, ['build', '.']] : [findOnPath('kubectl', env.PATH), ['kustomize', '.']];
  if (!file) return { ok: false, message: 'neither kustomize nor kubectl is on PATH; the plugin image needs one of them' };
  const tool = `${path.basename(file)} ${args.join(' ')}`;
  return new Promise((resolve) => {
    execFile(file, args, { cwd: dir, env: childEnv, maxBuffer: 1024 * 1024 * 1024, encoding: 'buffer' }, (error, stdout, stderr) => {
      if (!error) return resolve({ ok: true, stdout, tool });
      const status = typeof error.code === 'number' ? `exit status ${error.code}` : String(error.code ?? error.signal ?? error.message);
      // stderr is only shown, so a lenient decoding is fine there.
      resolve({ ok: false, message: `\`${tool}\` failed (${status}): ${stderr.toString('utf8').trim() || error.message}` });
    });
  });
}

/** kubectl and kustomize want a writable HOME; uid 999 in a custom image may have none. */
function withHome(env: Env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) out[key] = value;
  if (!out.HOME || !writable(out.HOME)) out.HOME = tmpdir();
  return out;
}

function writable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function findOnPath(command: string, pathVariable: string | undefined): string | undefined {
  for (const dir of (pathVariable ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}
