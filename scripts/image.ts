/**
 * `npm run image [-- options]`: builds the KRM function image from plugin/Containerfile and tags it
 * `mesh-inject:<version>` and `mesh-inject:dev`, with buildah, podman or docker, whichever is
 * present (in that order; docker only with a reachable engine).
 *
 *   --engine buildah|podman|docker   use this builder
 *   --node-image REF                 the base (Containerfile ARG NODE_IMAGE)
 *   --local-base                     do not try to pull the base; build the local one (image-base.ts)
 *   --force                          rebuild even when the image is up to date
 *
 * When the base is neither present nor pullable, a stand-in is built from the host's node
 * (`localhost/mesh-inject-node-base:<node version>`). The build context is staged from the
 * working tree (only what the Containerfile copies), and its hash is stored in the image label
 * `dev.mesh-inject.context`: an up-to-date image is not rebuilt, so tests and benchmarks can
 * call this freely. A CA bundle the host's npm uses (NODE_EXTRA_CA_CERTS, npm's `cafile`) is
 * mounted into the build (buildah, podman), and the host's npm registry is passed on.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { localBaseName, writeLocalBaseContext } from './image-base.js';

type EngineName = 'buildah' | 'podman' | 'docker';
const ENGINES: readonly EngineName[] = ['buildah', 'podman', 'docker'];
const DEFAULT_NODE_IMAGE = 'docker.io/library/node:20-bookworm-slim';
const CONTEXT_LABEL = 'dev.mesh-inject.context';
const BUILD_CA_PATH = '/etc/mesh-inject-build/ca.crt';
const PULL_TIMEOUT_MS = 60_000;
/** What plugin/Containerfile copies, relative to the repository root. */
const CONTEXT = ['package.json', 'package-lock.json', '.npmrc', 'tsconfig.json', 'scripts/build.mjs', 'transformer', 'config', 'plugin'];

const repo = new URL('..', import.meta.url).pathname;

function main(): number {
  const { values } = parseArgs({
    options: {
      engine: { type: 'string' },
      'node-image': { type: 'string' },
      'local-base': { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
    },
  });
  const engine = pickEngine(values.engine);
  if (!engine) {
    process.stderr.write('image: no container builder found; install buildah (apt-get install buildah), podman or docker\n');
    return 1;
  }
  const version = (JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string }).version;
  const tags = [`mesh-inject:${version}`, 'mesh-inject:dev'];
  const work = mkdtempSync(join(tmpdir(), 'mesh-inject-image-'));
  try {
    const base = ensureBase(engine, values['node-image'] ?? DEFAULT_NODE_IMAGE, values['local-base'] || values['node-image'] === localBaseName(), work);
    const context = join(work, 'context');
    for (const entry of CONTEXT) cpSync(join(repo, entry), join(context, entry), { recursive: true, filter: (src) => !src.endsWith('.map') });
    const containerfile = readFileSync(join(repo, 'plugin/Containerfile'), 'utf8');
    const hash = contextHash(context, [containerfile, base, imageId(engine, base) ?? '']);
    if (!values.force && tags.every((tag) => label(engine, tag) === hash)) {
      log(`${tags.join(' and ')} up to date (${engine}, base ${base})`);
      return 0;
    }
    const args = buildArgs(engine, base, tags, hash, join(repo, 'plugin/Containerfile'), context);
    log(`building ${tags.join(' and ')} with ${engine} (base ${base})`);
    const run = spawnSync(engine, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    if (run.status !== 0) {
      process.stderr.write(`image: ${engine} ${args[0]} failed (exit ${run.status ?? run.signal})\n`);
      return 1;
    }
    log(`built ${tags.join(' and ')}: ${imageId(engine, tags[1]!)}`);
    return 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function pickEngine(wanted: string | undefined): EngineName | undefined {
  if (wanted !== undefined) {
    if (!ENGINES.includes(wanted as EngineName)) throw new Error(`--engine must be one of ${ENGINES.join(', ')}`);
    return wanted as EngineName;
  }
  return ENGINES.find((e) => onPath(e) && (e !== 'docker' || succeeds('docker', ['info', '--format', '{{.ServerVersion}}'])));
}

/** The base to build on: the given one when present or pullable, else the local stand-in (built once). */
function ensureBase(engine: EngineName, wanted: string, localOnly: boolean, work: string): string {
  if (!localOnly) {
    if (imageId(engine, wanted)) return wanted;
    log(`pulling ${wanted}`);
    if (succeeds(engine, ['pull', wanted], PULL_TIMEOUT_MS)) return wanted;
    log(`cannot pull ${wanted}; using a local base built from this machine's node ${process.version}`);
  }
  const local = localBaseName();
  if (imageId(engine, local)) return local;
  log(`building ${local}`);
  const dir = join(work, 'base');
  const containerfile = writeLocalBaseContext(dir);
  const args = engine === 'docker' ? ['build', '-f', containerfile, '-t', local, dir] : ['bud', '--isolation', 'chroot', '-f', containerfile, '-t', local, dir];
  if (engine === 'podman') args[0] = 'build';
  execFileSync(engine, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  return local;
}

function buildArgs(engine: EngineName, base: string, tags: string[], hash: string, containerfile: string, context: string): string[] {
  const args = engine === 'docker' ? ['build'] : [engine === 'buildah' ? 'bud' : 'build', '--isolation', 'chroot', '--layers', '--force-rm'];
  args.push('-f', containerfile, '--build-arg', `NODE_IMAGE=${base}`, '--label', `${CONTEXT_LABEL}=${hash}`);
  for (const tag of tags) args.push('-t', tag);
  const registry = npmConfig('registry');
  if (registry && registry !== 'https://registry.npmjs.org/') args.push('--build-arg', `NPM_REGISTRY=${registry}`);
  const ca = hostCaBundle();
  if (ca && engine !== 'docker') args.push('-v', `${ca}:${BUILD_CA_PATH}:ro`, '--build-arg', `BUILD_CA_FILE=${BUILD_CA_PATH}`);
  args.push(context);
  return args;
}

function hostCaBundle(): string | undefined {
  const candidates = [process.env.NODE_EXTRA_CA_CERTS, npmConfig('cafile')];
  return candidates.find((c): c is string => !!c && c !== 'null' && c !== 'undefined' && existsSync(c));
}

function npmConfig(key: string): string | undefined {
  const run = spawnSync('npm', ['config', 'get', key], { encoding: 'utf8', cwd: repo });
  const value = run.status === 0 ? run.stdout.trim() : '';
  return value || undefined;
}

/** sha256 over every staged file (path and content) plus the given extras. */
function contextHash(dir: string, extras: string[]): string {
  const hash = createHash('sha256');
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else hash.update(`${relative(dir, path)}\0${statSync(path).mode & 0o111 ? 'x' : '-'}\0`).update(readFileSync(path)).update('\0');
    }
  };
  walk(dir);
  for (const extra of extras) hash.update(extra).update('\0');
  return hash.digest('hex').slice(0, 32);
}

function imageId(engine: EngineName, ref: string): string | undefined {
  const config = inspect(engine, ref);
  const id = engine === 'buildah' ? config?.FromImageID : config?.Id;
  return typeof id === 'string' ? id : undefined;
}

function label(engine: EngineName, ref: string): string | undefined {
  const config = inspect(engine, ref);
  const labels = engine === 'buildah' ? config?.OCIv1?.config?.Labels : engine === 'podman' ? config?.Labels : config?.Config?.Labels;
  return labels?.[CONTEXT_LABEL];
}

/** The engine's JSON description of a local image, or undefined when it has no such image. */
function inspect(engine: EngineName, ref: string): any {
  const args = engine === 'buildah' ? ['inspect', '--type', 'image', ref] : ['image', 'inspect', ref];
  const run = spawnSync(engine, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) return undefined;
  const parsed: unknown = JSON.parse(run.stdout);
  return Array.isArray(parsed) ? parsed[0] : parsed;
}

function onPath(command: string): boolean {
  return succeeds('sh', ['-c', `command -v ${command}`]);
}

function succeeds(command: string, args: string[], timeout = 20_000): boolean {
  return spawnSync(command, args, { stdio: 'ignore', timeout }).status === 0;
}

function log(message: string): void {
  process.stderr.write(`image: ${message}\n`);
}

process.exitCode = main();
