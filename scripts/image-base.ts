/**
 * A local stand-in for `node:20-bookworm-slim`, for machines that can reach no container registry
 * (docs/container-image.md, "Without a registry"). The rootfs holds what the Containerfile's two
 * stages use: the host's node with the shared libraries `ldd` names, npm, `/bin/sh` and
 * a few coreutils (for `RUN` lines and npm scripts), and an `/etc/passwd` with `nobody`, because
 * kustomize and kpt run functions with `--user nobody` and the engine resolves that name in
 * the image. It is built `FROM scratch` by the same engine, so no runtime is needed.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function localBaseName(): string {
  return `localhost/mesh-inject-node-base:${process.versions.node}`;
}

/** What `RUN` lines and npm scripts commonly call, besides node and npm. */
const TOOLS = ['env', 'cat', 'chmod', 'cp', 'find', 'ln', 'ls', 'mkdir', 'mv', 'rm'];

const PASSWD = `root:x:0:0:root:/root:/bin/sh
node:x:1000:1000::/home/node:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
`;
const GROUP = `root:x:0:
node:x:1000:
nogroup:x:65534:
`;

/** Writes `<dir>/Containerfile` and `<dir>/rootfs/`; returns the Containerfile's path. */
export function writeLocalBaseContext(dir: string): string {
  const rootfs = join(dir, 'rootfs');
  for (const d of ['usr/local/bin', 'usr/local/lib/node_modules', 'etc', 'root', 'home/node', 'tmp']) mkdirSync(join(rootfs, d), { recursive: true });
  chmodSync(join(rootfs, 'tmp'), 0o1777);
  chmodSync(join(rootfs, 'root'), 0o700);

  const node = join(rootfs, 'usr/local/bin/node');
  copyFileSync(process.execPath, node);
  chmodSync(node, 0o755);
  if (has('strip')) execFileSync('strip', ['--strip-all', node], { stdio: 'ignore' });
  const tools = ['/bin/sh', ...TOOLS.map(which)];
  for (const tool of tools) install(realpathSync(tool), join(rootfs, tool));
  for (const binary of [process.execPath, ...tools]) for (const lib of sharedLibraries(binary)) install(lib, join(rootfs, lib));

  const npm = hostNpmDir();
  cpSync(npm, join(rootfs, 'usr/local/lib/node_modules/npm'), { recursive: true, dereference: true });
  symlinkSync('../lib/node_modules/npm/bin/npm-cli.js', join(rootfs, 'usr/local/bin/npm'));
  symlinkSync('../lib/node_modules/npm/bin/npx-cli.js', join(rootfs, 'usr/local/bin/npx'));

  writeFileSync(join(rootfs, 'etc/passwd'), PASSWD);
  writeFileSync(join(rootfs, 'etc/group'), GROUP);

  const containerfile = join(dir, 'Containerfile');
  writeFileSync(containerfile, [
    'FROM scratch',
    'COPY rootfs/ /',
    'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    `ENV NODE_VERSION=${process.versions.node}`,
    `LABEL dev.mesh-inject.base="node ${process.versions.node} from the build host"`,
    'CMD ["node"]',
    '',
  ].join('\n'));
  return containerfile;
}

function install(from: string, to: string): void {
  if (existsSync(to)) return;
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
  chmodSync(to, 0o755);
}

/** The absolute library paths (and the loader) `ldd` lists for a binary. */
function sharedLibraries(binary: string): string[] {
  const out = execFileSync('ldd', [binary], { encoding: 'utf8' });
  const libs: string[] = [];
  for (const line of out.split('\n')) {
    const target = /=>\s*(\/\S+)/.exec(line)?.[1] ?? /^\s*(\/\S+)\s+\(/.exec(line)?.[1];
    if (target) libs.push(target);
  }
  return libs;
}

function hostNpmDir(): string {
  const candidates = [join(dirname(process.execPath), '../lib/node_modules/npm'), '/usr/lib/node_modules/npm', '/usr/local/lib/node_modules/npm'];
  const found = candidates.find((c) => existsSync(join(c, 'bin/npm-cli.js')));
  if (!found) throw new Error(`npm not found next to ${process.execPath}; the local base needs it for the build stage's \`npm ci\``);
  return realpathSync(found);
}

/** The host's path for a command, e.g. /usr/bin/find; the same path is used in the image. */
function which(command: string): string {
  return execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim();
}

function has(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
