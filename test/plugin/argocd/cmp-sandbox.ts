/**
 * In-process runs of `mesh-inject argocd generate` / `discover` in a directory laid out as the CMP
 * server unpacks sources (`$TMPDIR/_cmp_server/<uuid>/`), with a stand-in `kustomize` that prints
 * given bytes, so stream edge cases need no real kustomize.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Io } from '../../../plugin/cli/io.js';
import { runArgocdDiscover } from '../../../plugin/argocd/discover.js';
import { runArgocdGenerate } from '../../../plugin/argocd/generate.js';

const RC = readFileSync(new URL('../../e2e/fixtures/argocd-repo/.mesh-injectrc.yaml', import.meta.url), 'utf8');

export interface PluginRun {
  code: number;
  /** Every write to stdout, in order (generate must write once or not at all). */
  stdoutWrites: string[];
  stdout: string;
  stderr: string;
}

export interface Sandbox {
  /** The work dir standing in for the sidecar's /tmp. */
  tmp: string;
  /** The unpacked sources (what Argo CD sent). */
  root: string;
  write(relative: string, content: string | Uint8Array): string;
  /** Makes `kustomize build .` print exactly these bytes (exit 0). */
  kustomizePrints(bytes: string | Uint8Array): void;
  generate(appPath: string, env?: Record<string, string>): Promise<PluginRun>;
  discover(appPath: string): Promise<PluginRun>;
  cleanup(): void;
}

export function sandbox(): Sandbox {
  const tmp = realpathSync(mkdtempSync(join(tmpdir(), 'mesh-inject-cmp-')));
  const root = join(tmp, '_cmp_server', randomUUID());
  const bin = join(tmp, 'bin');
  const kustomizeOutput = join(tmp, 'kustomize-output');
  mkdirSync(root, { recursive: true });
  mkdirSync(bin);
  writeFileSync(join(root, '.mesh-injectrc.yaml'), RC);

  const write = (relative: string, content: string | Uint8Array) => {
    const file = join(root, relative);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
    return file;
  };
  const env = { TMPDIR: tmp, HOME: tmp, PATH: `${bin}:/usr/bin:/bin` };
  const run = async (appPath: string, command: (io: Io) => Promise<number>, extra: Record<string, string> = {}): Promise<PluginRun> => {
    const stdoutWrites: string[] = [];
    let stderr = '';
    const io: Io = {
      cwd: join(root, appPath),
      env: { ...env, ARGOCD_APP_NAME: appPath.split('/').pop()!, ARGOCD_APP_NAMESPACE: 'shop', ...extra },
      readStdin: async () => '',
      stdout: (text) => void stdoutWrites.push(text),
      stderr: (text) => void (stderr += text),
      stdoutIsTTY: false,
      stderrIsTTY: false,
      now: () => 0,
    };
    const code = await command(io);
    return { code, stdoutWrites, stdout: stdoutWrites.join(''), stderr };
  };
  return {
    tmp,
    root,
    write,
    kustomizePrints(bytes) {
      writeFileSync(kustomizeOutput, bytes);
      writeFileSync(join(bin, 'kustomize'), `#!/bin/sh\n[ "$1" = build ] || exit 64\ncat '${kustomizeOutput}'\n`);
      chmodSync(join(bin, 'kustomize'), 0o755);
    },
    generate: (appPath, extra) => run(appPath, runArgocdGenerate, extra),
    discover: (appPath) => run(appPath, runArgocdDiscover),
    cleanup: () => rmSync(tmp, { recursive: true, force: true }),
  };
}

export const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
spec:
  selector:
    matchLabels:
      app: worker
  template:
    metadata:
      labels:
        app: worker
    spec:
      containers:
        - name: worker
          image: busybox:1.36
`;

export const CONFIG_MAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: batch
`;

export const KUSTOMIZATION = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n';
