/**
 * The function image under the real `kubectl kustomize` (a transformer with
 * `config.kubernetes.io/function: {container: ...}`), through the `docker` stand-in that checks
 * kustomize's exact `docker run` arguments and runs the image's root filesystem; the exec-function
 * form of docs/kustomize.md; and the image itself (docs/container-image.md).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { IMAGE, SHIM_DIR, ensureFunctionImage, imageUnavailable, withImageLock, type FunctionImage } from './container-image.js';
import { DocSnippets } from './kustomize-doc-snippets.js';
import { KUSTOMIZE_PLUGIN_HOME, REPO, installMeshInject, missingTool, onPath, run, tempDir, writeTree } from './kustomize-tools.js';

type Obj = any; // parsed YAML, checked field by field

const KUSTOMIZE_ARGV = ['run', '--rm', '-i', '-a', 'STDIN', '-a', 'STDOUT', '-a', 'STDERR', '--network', 'none', '--user', 'nobody', '--security-opt=no-new-privileges', '-e', 'LOG_TO_STDERR=true', '-e', 'STRUCTURED_RESULTS=true'];
const VERSION = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;

function skipReason(): string | undefined {
  const missing = missingTool('kubectl');
  if (missing) return missing;
  const reason = imageUnavailable();
  if (reason) console.log(`skipped: ${reason}`);
  return reason;
}

function containerNames(object: Obj): string[] {
  const pod = object.spec.template.spec;
  return [...(pod.initContainers ?? []), ...pod.containers].map((c: Obj) => c.name);
}

/**
 * The undo record stores the column of text it replaced, which is where that text sat in what the
 * function was given: a kustomize stream (exec plugin) or a ResourceList, whose items are indented
 * two more columns (container function). Everything else must be the same bytes.
 */
function sameButRecordColumns(stream: string): string {
  return stream.replace(/"column":\d+/g, '"column":N');
}

function deploymentOf(stream: string): Obj {
  return parseAllDocuments(stream, { version: '1.1' }).map((d) => d.toJS()).find((o) => o.kind === 'Deployment');
}

const skip = skipReason();

describe.skipIf(skip)('the mesh-inject image as a kustomize container function', () => {
  const kustomizeDoc = new DocSnippets('docs/kustomize.md');
  const imageDoc = new DocSnippets('docs/container-image.md');
  const tmp = tempDir('container-fn');
  let image: FunctionImage;
  let pluginOutput = '';
  let shimCalls = 0;

  /** Environment with the stand-in first on PATH; returns it and a reader for the calls it logged. */
  function shimEnv(extra: Record<string, string> = {}) {
    const log = join(tmp.dir, `shim-${++shimCalls}.log`);
    const env = { PATH: `${SHIM_DIR}:${process.env.PATH}`, MESH_INJECT_SHIM_IMAGES: image.imagesDir, MESH_INJECT_SHIM_LOG: log, ...extra };
    const calls = () => readFileSync(log, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Obj);
    return { env, calls };
  }

  beforeAll(() => {
    image = ensureFunctionImage();
    writeTree(tmp.dir, kustomizeDoc.files('kustomize-overlay'));
    // The exec plugin's output for the same overlay: every form must give the same bytes.
    const plugin = run('kubectl', ['kustomize', '--enable-alpha-plugins', 'overlays/prod'], { cwd: tmp.dir, env: { KUSTOMIZE_PLUGIN_HOME } });
    if (plugin.code !== 0) throw new Error(plugin.stderr);
    pluginOutput = plugin.stdout;
  }, 20 * 60_000);
  afterAll(tmp.cleanup);

  it('runs mesh-inject:dev through `docker run` with exactly the arguments kustomize passes', () => {
    writeTree(tmp.dir, {
      'dev/kustomization.yaml': 'namespace: shop-prod\nresources:\n- ../base\ntransformers:\n- mesh-inject.yaml\n',
      'dev/mesh-inject.yaml': `apiVersion: mesh-inject.dev/v1alpha1
kind: MeshInject
metadata:
  name: mesh-inject
  annotations:
    config.kubernetes.io/function: |
      container:
        image: ${IMAGE}
spec:
  kubernetesVersion: "1.33"
  istio:
    tag: 1.32.1
`,
    });
    const { env, calls } = shimEnv();
    const result = run('kubectl', ['kustomize', '--enable-alpha-plugins', 'dev'], { cwd: tmp.dir, env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const [call] = calls().filter((c) => c.argv[0] === 'run');
    expect(call.argv).toEqual([...KUSTOMIZE_ARGV, IMAGE]);
    expect(call.cwd).toBe(join(tmp.dir, 'dev'));
    // The stand-in ran the image's own entrypoint as nobody, without network.
    expect(call.run).toMatchObject({ uid: '65534', gid: '65534', command: ['node', '/app/mesh-inject.js', 'fn'], network: 'none' });
    expect(call.run.image).toContain(image.imagesDir);
    expect(containerNames(deploymentOf(result.stdout))).toEqual(['istio-init', 'istio-proxy', 'web']);
    expect(sameButRecordColumns(result.stdout)).toBe(sameButRecordColumns(pluginOutput));
  }, 120_000);

  it('gives the documented container transformer the same output as the exec plugin', () => {
    const dir = join(tmp.dir, 'doc');
    writeTree(dir, { ...kustomizeDoc.files('kustomize-overlay'), ...kustomizeDoc.files('kustomize-container') });
    const { env, calls } = shimEnv();
    const result = run('bash', ['--norc', '-euo', 'pipefail', '-c', kustomizeDoc.run('kustomize-container').text], { cwd: dir, env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(sameButRecordColumns(result.stdout)).toBe(sameButRecordColumns(pluginOutput));
    const [call] = calls().filter((c) => c.argv[0] === 'run');
    expect(`docker ${call.argv.join(' ')}`).toBe(kustomizeDoc.expected('kustomize-container'));
    expect(call.argv.at(-1)).toBe(`mesh-inject:${VERSION}`);
  }, 120_000);

  it('fails the build on an invalid config: non-zero exit, the error on stderr, nothing on stdout', () => {
    const dir = join(tmp.dir, 'bad');
    const files = { ...kustomizeDoc.files('kustomize-overlay'), ...kustomizeDoc.files('kustomize-container') };
    files['overlays/prod/mesh-inject.yaml'] = files['overlays/prod/mesh-inject.yaml']!.replace('    tag: 1.32.1', '    tagg: 1.32.1');
    writeTree(dir, files);
    const { env } = shimEnv();
    const result = run('kubectl', ['kustomize', '--enable-alpha-plugins', 'overlays/prod'], { cwd: dir, env });
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('unknown key "spec.istio.tagg"; did you mean "spec.istio.tag"? (config-invalid)');
    expect(result.stderr).toContain("couldn't execute function");
  }, 120_000);

  it('exec function form: kubectl kustomize skips it silently; the launcher answers what kustomize sends', () => {
    const dir = join(tmp.dir, 'exec');
    writeTree(dir, { ...kustomizeDoc.files('kustomize-overlay'), ...kustomizeDoc.files('kustomize-exec') });
    installMeshInject(dir);
    const skipped = run('kubectl', ['kustomize', '--enable-alpha-plugins', 'overlays/prod'], { cwd: dir });
    expect(skipped.code).toBe(0);
    expect(skipped.stderr).toBe('');
    expect(skipped.stdout).not.toContain('istio-proxy');
    expect(containerNames(deploymentOf(skipped.stdout))).toEqual(['web']);

    // An exec function gets the ResourceList a container function gets: capture it from the
    // container run of the documented config and hand it to the exec form's program.
    const stdinFile = join(tmp.dir, 'kustomize-resource-list.yaml');
    const shim = shimEnv({ MESH_INJECT_SHIM_STDIN: stdinFile });
    expect(run('kubectl', ['kustomize', '--enable-alpha-plugins', 'overlays/prod'], { cwd: join(tmp.dir, 'doc'), env: shim.env }).code).toBe(0);
    const sent = readFileSync(stdinFile, 'utf8');
    expect(parse(sent).kind).toBe('ResourceList');
    const overlay = join(dir, 'overlays/prod');
    const spec = parse(parse(readFileSync(join(overlay, 'mesh-inject.yaml'), 'utf8')).metadata.annotations['config.kubernetes.io/function']).exec;
    const exec = run(resolve(overlay, spec.path), [], { cwd: overlay, input: sent });
    const viaImage = run('docker', [...KUSTOMIZE_ARGV, IMAGE], { env: shimEnv().env, input: sent });
    expect(exec.code, exec.stderr).toBe(0);
    expect(viaImage.code).toBe(0);
    expect(exec.stdout).toBe(viaImage.stdout);
    expect(containerNames(parse(exec.stdout).items.find((i: Obj) => i.kind === 'Deployment'))).toEqual(['istio-init', 'istio-proxy', 'web']);

    const standalone = kustomizeDoc.run('kustomize-exec');
    if (!onPath(standalone.requires!)) {
      console.log(`skipped: ${standalone.requires} not found (the standalone \`kustomize build --enable-exec\` step)`);
      return;
    }
    const built = run('bash', ['--norc', '-euo', 'pipefail', '-c', standalone.text], { cwd: dir });
    expect(built.code).toBe(0);
    expect(sameButRecordColumns(built.stdout)).toBe(sameButRecordColumns(pluginOutput));
  }, 120_000);

  it('builds with the documented command, tagging both names, and runs the documented ResourceList', () => {
    const build = imageDoc.run('image-build');
    expect(build.cwd).toBe('repo');
    // Up to date since beforeAll unless the sources changed meanwhile; either way both tags name one image.
    const rebuilt = withImageLock(() => run('bash', ['--norc', '-euo', 'pipefail', '-c', build.text], { cwd: REPO, timeout: 15 * 60_000 }));
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    expect(rebuilt.stderr).toMatch(/^image: (mesh-inject:\S+ and mesh-inject:dev up to date|built mesh-inject:\S+ and mesh-inject:dev: )/m);
    const images = ['dev', VERSION].map((tag) => parse(run('buildah', ['inspect', '--type', 'image', `mesh-inject:${tag}`]).stdout) as Obj);
    expect(images[0].FromImageID).toBe(images[1].FromImageID);
    expect(images[0].OCIv1.config.Labels['dev.mesh-inject.context']).toMatch(/^[0-9a-f]{32}$/);

    const dir = join(tmp.dir, 'run');
    writeTree(dir, imageDoc.files('image-run'));
    const result = run('bash', ['--norc', '-euo', 'pipefail', '-c', imageDoc.run('image-run').text], { cwd: dir, env: shimEnv().env });
    expect(result.code, result.stderr).toBe(0);
    const list = parse(result.stdout);
    expect(list.kind).toBe('ResourceList');
    expect(containerNames(list.items[0])).toEqual(['istio-init', 'istio-proxy', 'web']);

    const dockerBuild = imageDoc.run('image-docker-build');
    if (run('sh', ['-c', 'docker info >/dev/null 2>&1']).code !== 0) console.log('skipped: docker engine not found (the `docker build` step)');
    else expect(run('bash', ['--norc', '-euo', 'pipefail', '-c', dockerBuild.text], { cwd: REPO, timeout: 15 * 60_000 }).code).toBe(0);
  }, 20 * 60_000);

  it('holds node and the bundle only, runs as nobody, and works with a read-only root, no network and no HOME', () => {
    const config = JSON.parse(readFileSync(join(image.imagesDir, `localhost_mesh-inject_dev/config.json`), 'utf8')) as Obj;
    expect(config.User).toBe('65534:65534');
    expect(config.Entrypoint).toEqual(['node', '/app/mesh-inject.js', 'fn']);
    expect(config.Env.some((e: string) => e.startsWith('HOME='))).toBe(false);
    const app = run('find', ['.', '-type', 'f'], { cwd: join(image.imagesDir, 'localhost_mesh-inject_dev/rootfs/app') }).stdout.trim().split('\n').sort();
    expect(app.filter((f) => !/^\.\/chunks\/[\w-]+\.js$/.test(f))).toEqual(['./mesh-inject.js', './package.json']);
    expect(readFileSync(join(image.imagesDir, 'localhost_mesh-inject_dev/rootfs/etc/passwd'), 'utf8')).toMatch(/^nobody:x:65534:65534:/m);
    // The stand-in's root is read-only and HOME=/nonexistent: the runs above prove no write was needed.
    const sample = imageDoc.files('image-run')['resource-list.yaml']!;
    const result = run('docker', [...KUSTOMIZE_ARGV, IMAGE], { env: shimEnv().env, input: sample.replace('tag: 1.32.1', 'tag: [1, 2]') });
    expect(result.code).toBe(1);
    expect(parse(result.stdout).results[0]).toMatchObject({ severity: 'error', code: 'config-invalid' });
    expect(result.stderr).toContain('istio.tag');
  }, 120_000);

  it('exercises every snippet of its doc groups', () => {
    expect(kustomizeDoc.unexercised().filter((s) => /kustomize-(container|exec) /.test(s))).toEqual([]);
    expect(imageDoc.unexercised()).toEqual([]);
    expect(imageDoc.unmarked()).toEqual([]);
  });
});
