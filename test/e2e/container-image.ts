/**
 * The function image for end-to-end tests: built with `npm run image` (a no-op when the image is
 * up to date) and unpacked once per image id for the `docker` stand-in in
 * fixtures/image-docker-shim (which runs the image's rootfs with unshare/chroot), under a lock
 * so parallel test files do not build or unpack twice.
 */
import { createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, onPath } from './kustomize-tools.js';

export const IMAGE = 'mesh-inject:dev';
/** Directory holding the `docker` stand-in; put it first on PATH. */
export const SHIM_DIR = join(REPO, 'test/e2e/fixtures/image-docker-shim');

export interface FunctionImage {
  /** MESH_INJECT_SHIM_IMAGES for the stand-in. */
  imagesDir: string;
  id: string;
}

/** Why the image cannot be built and run here, or undefined when it can. */
export function imageUnavailable(): string | undefined {
  if (!onPath('buildah')) return 'buildah not found';
  for (const tool of ['unshare', 'setpriv', 'mount']) if (!onPath(tool)) return `${tool} not found`;
  if (process.getuid?.() !== 0) return 'the docker stand-in needs root (unshare, mount)';
  return undefined;
}

let cached: FunctionImage | undefined;

/** Runs `fn` while no other test process builds the image. */
export function withImageLock<T>(fn: () => T): T {
  let result: T | undefined;
  withLock(join(tmpdir(), 'mesh-inject-e2e-image.lock'), () => {
    result = fn();
  });
  return result as T;
}

export function ensureFunctionImage(): FunctionImage {
  if (cached) return cached;
  cached = withImageLock(() => {
    const build = spawnSync('npm', ['run', '--silent', 'image'], { cwd: REPO, encoding: 'utf8', timeout: 15 * 60_000 });
    if (build.status !== 0) throw new Error(`npm run image failed (${build.status ?? build.signal}):\n${build.stdout}\n${build.stderr}`);
    const id = inspect(IMAGE).FromImageID as string;
    // One directory per checkout: cleaning up after another checkout's build would pull its image from under it.
    const root = join(tmpdir(), `mesh-inject-e2e-images-${createHash('sha256').update(REPO).digest('hex').slice(0, 12)}`);
    const unpacked = join(root, id);
    if (!existsSync(join(unpacked, 'config.json'))) unpack(IMAGE, unpacked);
    // Earlier builds' copies (about 110 MB each) are of no further use.
    for (const name of readdirSync(root)) if (!name.includes(id)) rmSync(join(root, name), { recursive: true, force: true });
    const imagesDir = join(root, `refs-${id}`);
    mkdirSync(imagesDir, { recursive: true });
    const version = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
    for (const ref of ['localhost/mesh-inject:dev', `localhost/mesh-inject:${version}`]) {
      const link = join(imagesDir, ref.replace(/[/:@]/g, '_'));
      if (!existsSync(link)) symlinkSync(unpacked, link);
    }
    return { imagesDir, id };
  });
  return cached;
}

/** The image's rootfs and OCI config, via a buildah working container (removed afterwards). */
function unpack(ref: string, to: string): void {
  const staging = `${to}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const container = execFileSync('buildah', ['from', '--pull=never', '--quiet', ref], { encoding: 'utf8' }).trim();
  try {
    const mountpoint = execFileSync('buildah', ['mount', container], { encoding: 'utf8' }).trim();
    execFileSync('cp', ['-a', `${mountpoint}/.`, join(staging, 'rootfs')]);
    writeFileSync(join(staging, 'config.json'), JSON.stringify(inspect(ref).OCIv1.config, null, 2));
  } finally {
    spawnSync('buildah', ['umount', container]);
    spawnSync('buildah', ['rm', container]);
  }
  renameSync(staging, to);
}

function inspect(ref: string): any {
  return JSON.parse(execFileSync('buildah', ['inspect', '--type', 'image', ref], { encoding: 'utf8', maxBuffer: 64 << 20 }));
}

/** Runs `fn` holding a lock directory; waits for a live holder, takes over from a dead one. */
function withLock(dir: string, fn: () => void): void {
  for (;;) {
    try {
      mkdirSync(dir);
      writeFileSync(join(dir, 'pid'), String(process.pid));
      break;
    } catch {
      const holder = Number(readFileSafe(join(dir, 'pid')));
      if (holder && !alive(holder)) rmSync(dir, { recursive: true, force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    fn();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
