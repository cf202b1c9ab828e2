/**
 * `mesh-inject` command line. `main` takes its I/O as an argument and returns the exit code, so
 * tests run it in-process; only bin/mesh-inject.js touches `process`.
 */
import { Command, CommanderError, Option } from 'commander';
import type { Io } from './io.js';
import { EXIT_INPUT, UsageError } from './exit-codes.js';
import type { RunOptions } from './run-files.js';

interface FileFlags {
  check?: boolean;
  diff?: boolean;
  config?: string;
  format: 'text' | 'json';
  verbose?: boolean;
  allowEmpty?: boolean;
  verify?: boolean;
  ignoreRecord?: boolean;
  resources?: boolean;
}

function fileCommand(program: Command, name: string, description: string): Command {
  return program
    .command(name)
    .description(description)
    .argument('[path...]', 'files or directories; `-` reads a stream on stdin and writes stdout (default: every YAML file git tracks here)')
    .option('--check', 'write nothing; exit 1 and list the files that would change')
    .option('--diff', 'write nothing; print a unified diff of the changes')
    .option('-c, --config <file>', 'use this config file instead of the nearest .mesh-injectrc')
    .addOption(new Option('--format <format>', 'output format for results').choices(['text', 'json']).default('text'))
    .option('-v, --verbose', 'also print informational results')
    .option('--allow-empty', 'accept an empty stdin stream')
    .option('--verify', 'accepted for compatibility: every edit is verified before it is written');
}

function runOptions(mode: RunOptions['mode'], flags: FileFlags, explain = false): RunOptions {
  return {
    mode,
    check: flags.check === true,
    diff: flags.diff === true,
    explain,
    ...(flags.config ? { config: flags.config } : {}),
    format: flags.format,
    verbose: flags.verbose === true,
    allowEmpty: flags.allowEmpty === true,
    verify: flags.verify === true,
    ignoreRecord: flags.ignoreRecord === true,
    ...(flags.resources ? { resources: true } : {}),
  };
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  let exitCode = 0;
  const program = new Command('mesh-inject')
    .description('Inject service-mesh sidecars into Kubernetes manifests at build time, keeping your formatting and comments.')
    .version(await packageVersion(), '--version')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run mesh-inject --help for usage)');

  const files = async (mode: RunOptions['mode'], paths: string[], flags: FileFlags, explain = false) => {
    const { runFiles } = await import('./run-files.js');
    exitCode = await runFiles(paths, runOptions(mode, flags, explain), io);
  };
  fileCommand(program, 'inject', 'inject sidecars into manifests, in place').action((paths: string[], flags: FileFlags) => files('inject', paths, flags))
    .addHelpText('after', '\nExamples:\n  mesh-inject inject                  # every tracked YAML file under the current directory\n  mesh-inject inject --diff k8s/       # show what would change\n  mesh-inject inject --check           # CI / pre-commit: fail when a manifest is not injected\n  kustomize build . | mesh-inject inject -');
  fileCommand(program, 'uninject', 'remove what mesh-inject injected, restoring the original text')
    .option('--ignore-record', 'remove what the mesh injects (its containers, volumes, labels, annotations) without trusting the undo record: for a refused record or an istioctl-injected manifest; review the diff')
    .action((paths: string[], flags: FileFlags) => files('uninject', paths, flags));
  fileCommand(program, 'explain', 'show, per workload, whether it is injected and why')
    .option('--resources', 'also show what the injection adds to each pod (CPU and memory requests and limits), times its replicas, with totals per namespace (docs/resource-cost.md)')
    .action((paths: string[], flags: FileFlags) => files('inject', paths, flags, true));
  program
    .command('fn')
    .description('run as a KRM function: ResourceList on stdin, ResourceList on stdout (kustomize, kpt)')
    .option('--uninject', 'remove injections instead of adding them')
    .option('--verify', 'accepted for compatibility: every edited item is verified before it is written')
    .action(async (flags: { uninject?: boolean; verify?: boolean }) => {
      const { runKrmFunction } = await import('../krm.js');
      exitCode = await runKrmFunction(io, flags.uninject ? 'uninject' : 'inject', flags.verify === true);
    });

  // The injection as a kustomize Component for an overlay, bases untouched (plugin/patches/, docs/kustomize-component.md).
  program
    .command('patches')
    .description('write the injection as a kustomize Component (one JSON patch per workload) in DIR; the input is only read')
    .argument('[path...]', 'files or directories as `inject` takes them, or `-` for a stream such as `kustomize build base`')
    .requiredOption('--out <dir>', 'the component directory (new, empty, or one mesh-inject patches wrote)')
    .option('--check', 'write nothing; exit 1 and list the files of DIR that are stale')
    .option('-c, --config <file>', 'use this config file instead of the nearest .mesh-injectrc')
    .option('-v, --verbose', 'also print informational results')
    .addHelpText('after', '\nExamples:\n  kustomize build k8s/base | mesh-inject patches --out k8s/components/mesh -\n  kustomize build k8s/base | mesh-inject patches --check --out k8s/components/mesh -   # CI')
    .action(async (paths: string[], flags: import('../patches/run.js').PatchesFlags) => {
      const { runPatches } = await import('../patches/run.js');
      exitCode = await runPatches(paths, flags, io);
    });

  // Integrations: `mesh-inject plugin kustomize [CONFIG]` is what the kustomize plugin launcher
  // plugin/kustomize/mesh-inject.dev/v1alpha1/meshinject/MeshInject runs (plugin/kustomize-plugin.ts).
  const plugins = program
    .command('plugin')
    .description('run as another tool\'s plugin (started by the launchers in plugin/)');
  // `mesh-inject plugin helm`: the Helm post-renderer (plugin/helm/plugin.yaml, plugin/helm/post-renderer).
  plugins
    .command('helm')
    .description('Helm post-renderer: the rendered release on stdin, injected on stdout; nothing on stdout on any error')
    .option('-c, --config <file>', 'use this config file instead of the nearest .mesh-injectrc')
    .option('-n, --namespace <namespace>', "the release namespace, for objects without metadata.namespace (default: $HELM_NAMESPACE, else the config's defaultNamespace)")
    .action(async (flags: import('../helm/run.js').HelmPostRenderFlags) => {
      const { runHelmPostRender } = await import('../helm/run.js');
      exitCode = await runHelmPostRender(io, flags);
    });
  plugins
    .command('kustomize')
    .description('kustomize exec plugin: a plain stream with the transformer config file as argument (legacy), or a ResourceList on stdin')
    .argument('[config]', 'the transformer config file kustomize passes (default: $KUSTOMIZE_PLUGIN_CONFIG_STRING)')
    .action(async (config: string | undefined) => {
      const { runKustomizePlugin } = await import('../kustomize-plugin.js');
      exitCode = await runKustomizePlugin(io, config);
    });

  // Argo CD config management plugin: plugin/argocd/plugin.yaml runs these in the app directory.
  const argocd = program
    .command('argocd')
    .description('Argo CD config management plugin (CMP v2 sidecar): see docs/argocd.md');
  argocd
    .command('generate')
    .description('render the app (kustomize build, or its manifests), inject, print the stream; nothing on stdout on any error')
    .action(async () => {
      const { runArgocdGenerate } = await import('../argocd/generate.js');
      exitCode = await runArgocdGenerate(io);
    });
  argocd
    .command('discover')
    .description('print why this app is ours (a kustomize or manifest directory with a mesh-inject config), else nothing')
    .action(async () => {
      const { runArgocdDiscover } = await import('../argocd/discover.js');
      exitCode = await runArgocdDiscover(io);
    });

  // Git hooks (husky + lint-staged): `init hooks` writes the setup, `hook pre-commit` is the guard it runs.
  program
    .command('init')
    .description('set mesh-inject up in this repository')
    .command('hooks')
    .description('write .husky/pre-commit and .lintstagedrc.json (husky 9 + lint-staged 16); see docs/pre-commit.md')
    .option('--check', 'make the hook fail on manifests that are not injected, instead of injecting them')
    .option('--force', 'overwrite existing .husky/pre-commit and .lintstagedrc.json')
    .action(async (flags: { check?: boolean; force?: boolean }) => {
      const { runInitHooks } = await import('./init-hooks.js');
      exitCode = await runInitHooks(io, { check: flags.check === true, force: flags.force === true });
    });
  program
    .command('hook')
    .description('commands the git hooks written by `init hooks` run')
    .command('pre-commit')
    .description('refuse partly staged manifests that injection would change (run before lint-staged)')
    .action(async () => {
      const { runPreCommitGuard } = await import('./pre-commit-guard.js');
      exitCode = await runPreCommitGuard(io);
    });

  // istioctl-compatible mode: `mesh-inject kube-inject` takes istioctl kube-inject's flags and
  // writes its output format (plugin/kube-inject/, docs/istio-compatibility.md).
  program
    .command('kube-inject')
    .description('drop-in for `istioctl kube-inject`, offline: inject with the cluster\'s templates and print istioctl\'s output')
    .option('-f, --filename <file>', 'input Kubernetes resource file, or - for stdin')
    .option('-o, --output <file>', 'write the result to this file (all at once) instead of stdout')
    .option('--injectConfigFile <file>', 'injector config (istio-sidecar-injector data.config or the ConfigMap), or a sidecar template')
    .option('--meshConfigFile <file>', "mesh config (the istio ConfigMap's data.mesh)")
    .option('--valuesFile <file>', "injector values (the istio-sidecar-injector ConfigMap's data.values)")
    .option('-r, --revision <revision>', 'control-plane revision ("default" is the default revision)')
    .addOption(new Option('--native-sidecars <bool>', 'inject istio-proxy as a native sidecar (default false, as istioctl without a cluster)').choices(['true', 'false']))
    .option('--env <KEY=VALUE>', "istioctl's environment, repeatable: ENABLE_NATIVE_SIDECARS, COMPLIANCE_POLICY, PLATFORM; also what templates read with env", (v: string, all: string[] | undefined) => [...(all ?? []), v])
    .addHelpText('after', '\nExamples:\n  mesh-inject kube-inject -f deploy.yaml --injectConfigFile inject-config.yaml --meshConfigFile mesh.yaml --valuesFile values.json\n  kustomize build . | mesh-inject kube-inject -f - -o injected.yaml   # inputs from .mesh-injectrc istio.injector/meshConfig/values')
    .action(async (flags: import('../kube-inject/run.js').KubeInjectFlags) => {
      const { runKubeInject } = await import('../kube-inject/run.js');
      exitCode = await runKubeInject(io, flags);
    });

  // Enforcement without a webhook: the ValidatingAdmissionPolicy for the config (plugin/policy/, docs/admission-policy.md).
  program
    .command('policy')
    .description('print a ValidatingAdmissionPolicy + binding (Kubernetes >= 1.30) that refuses pods the config injects but that lack the proxy or run a stale proxy image')
    .argument('[path...]', 'manifests whose Namespace objects count, as inject reads them (default: every YAML file git tracks here; - for stdin)')
    .addOption(new Option('--mode <mode>', 'what the binding does with a violation').choices(['Deny', 'Warn', 'Audit']).default('Deny'))
    .addOption(new Option('--format <format>', 'output format').choices(['yaml', 'json']).default('yaml'))
    .option('-o, --output <file>', 'write the policy to this file (all at once) instead of stdout')
    .option('-c, --config <file>', 'use this config file instead of the nearest .mesh-injectrc')
    .option('--check', 'write nothing; exit 1 when the -o file is not what this run would write (for CI)')
    .addHelpText('after', '\nExamples:\n  mesh-inject policy --mode Warn > mesh-policy.yaml   # roll out: warn first\n  mesh-inject policy k8s/ -o cluster/mesh-policy.yaml  # then Deny (the default)\n  mesh-inject policy k8s/ -o cluster/mesh-policy.yaml --check  # CI: is it current?')
    .action(async (paths: string[], flags: import('../policy/run.js').PolicyFlags) => {
      const { runPolicy } = await import('../policy/run.js');
      exitCode = await runPolicy(io, paths, flags);
    });

  // Linkerd-compatible mode: `linkerd inject` / `linkerd uninject` flags and output (plugin/linkerd-inject/).
  const port = (flag: string) => (v: string) => parseUint(v, flag);
  const list = (v: string, all: string[] | undefined) => [...(all ?? []), ...v.split(',').filter((p) => p !== '')];
  program
    .command('linkerd-inject')
    .description('drop-in for `linkerd inject`, offline: add the Linkerd proxy (--manual) or the inject annotation, with Linkerd\'s output and report')
    .argument('[path]', 'a file, a directory (every file in it, recursively), or - for stdin')
    .option('--values <file>', 'Linkerd\'s values: the Helm values file it was installed with, or the linkerd-config ConfigMap (linkerd would read it from the cluster)')
    .option('--manual', 'include the proxy sidecar container spec in the output (default: only annotate for the proxy injector)')
    .option('--enable-debug-sidecar', 'inject a debug sidecar for data plane debugging')
    .option('--ingress', 'enable ingress mode in the linkerd proxy')
    .option('--native-sidecar', 'enable native sidecar')
    .option('--enable-external-profiles', 'enable service profiles for non-Kubernetes services')
    .option('--admin-port <port>', 'proxy port to serve metrics on', port('admin-port'))
    .option('--control-port <port>', 'proxy port to use for control', port('control-port'))
    .option('--inbound-port <port>', 'proxy port to use for inbound traffic', port('inbound-port'))
    .option('--outbound-port <port>', 'proxy port to use for outbound traffic', port('outbound-port'))
    .option('-v, --proxy-version <version>', 'tag to be used for the Linkerd proxy images')
    .option('--proxy-image <image>', 'Linkerd proxy container image name')
    .option('--image-pull-policy <policy>', 'Docker image pull policy')
    .option('--registry <registry>', 'Docker registry to pull images from ($LINKERD_DOCKER_REGISTRY)')
    .option('--proxy-uid <uid>', 'run the proxy under this user ID', (v: string) => parseInt64(v, 'proxy-uid'))
    .option('--proxy-gid <gid>', 'run the proxy under this group ID', (v: string) => parseInt64(v, 'proxy-gid'))
    .option('--proxy-log-level <level>', 'log level for the proxy')
    .option('--skip-inbound-ports <ports>', 'ports and/or port ranges (inclusive) that should skip the proxy (repeatable, comma-separated)', list)
    .option('--skip-outbound-ports <ports>', 'outbound ports and/or port ranges (inclusive) that should skip the proxy', list)
    .option('--opaque-ports <ports>', 'set opaque ports on the proxy', list)
    .option('--require-identity-on-inbound-ports <ports>', 'inbound ports on which the proxy should require identity', list)
    .option('--default-inbound-policy <policy>', 'inbound policy to use to control inbound access to the proxy')
    .option('--proxy-cpu-request <cpu>', 'amount of CPU units that the proxy sidecar requests')
    .option('--proxy-cpu-limit <cpu>', 'maximum amount of CPU units that the proxy sidecar can use')
    .option('--proxy-memory-request <memory>', 'amount of memory that the proxy sidecar requests')
    .option('--proxy-memory-limit <memory>', 'maximum amount of memory that the proxy sidecar can use')
    .option('--wait-before-exit-seconds <seconds>', 'how long the proxy stays alive while its pod terminates', (v: string) => parseInt64(v, 'wait-before-exit-seconds'))
    .option('--close-wait-timeout <duration>', 'sets nf_conntrack_tcp_timeout_close_wait (a Go duration: 1m, 90s)')
    .option('--created-by <value>', 'the linkerd.io/created-by annotation (default "mesh-inject <version>"; `linkerd/cli <version>` for byte-identical output)')
    .option('-L, --linkerd-namespace <namespace>', 'namespace of the Linkerd control plane (default: the linkerd-config ConfigMap\'s, else linkerd)')
    .option('--ignore-cluster', 'accepted for compatibility: mesh-inject never contacts a cluster')
    .option('-o, --output <format>', 'output format: yaml (default) or json')
    .option('--verbose', 'also print the checks that passed')
    .addOption(new Option('--no-ingress').hideHelp())
    .addOption(new Option('--no-native-sidecar').hideHelp())
    .addOption(new Option('--no-enable-external-profiles').hideHelp())
    .addOption(new Option('--proxy-cpu <cpu>').hideHelp())
    .addOption(new Option('--proxy-memory <memory>').hideHelp())
    .addOption(new Option('--disable-identity').hideHelp())
    .addHelpText('after', '\nExamples:\n  mesh-inject linkerd-inject --values linkerd-values.yaml --manual deploy.yaml > injected.yaml\n  kubectl -n linkerd get cm linkerd-config -o yaml > linkerd-config.yaml\n  kustomize build . | mesh-inject linkerd-inject --values linkerd-config.yaml -')
    .action(async (path: string | undefined, flags: import('../linkerd-inject/run.js').LinkerdInjectCommandFlags) => {
      const { runLinkerdInject } = await import('../linkerd-inject/run.js');
      exitCode = await runLinkerdInject(io, path, flags);
    });
  program
    .command('linkerd-uninject')
    .description('drop-in for `linkerd uninject`: remove the Linkerd proxy and its metadata, with Linkerd\'s output and report')
    .argument('[path]', 'a file, a directory (every file in it, recursively), or - for stdin')
    .option('-o, --output <format>', 'output format: yaml (default) or json')
    .option('--verbose', 'accepted for compatibility (the uninject report has no verbose form)')
    .action(async (path: string | undefined, flags: { output?: string }) => {
      const { runLinkerdUninject } = await import('../linkerd-inject/run.js');
      exitCode = await runLinkerdUninject(io, path, flags);
    });

  try {
    await program.parseAsync(await commandArgv(argv), { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_INPUT;
    if (error instanceof UsageError) {
      io.stderr(`mesh-inject: ${error.message}\n`);
      return EXIT_INPUT;
    }
    throw error;
  }
  return exitCode;
}

/** The Linkerd drop-ins take Linkerd's `--flag=<bool>` spellings (plugin/linkerd-inject/bool-flags.ts). */
async function commandArgv(argv: readonly string[]): Promise<string[]> {
  if (argv[0] !== 'linkerd-inject' && argv[0] !== 'linkerd-uninject') return [...argv];
  const { rewriteBoolFlags } = await import('../linkerd-inject/bool-flags.js');
  return rewriteBoolFlags(argv);
}

async function packageVersion(): Promise<string> {
  const { VERSION } = await import('../version.js');
  return VERSION;
}

/** pflag's uint flags: a decimal number, else a usage error naming the flag. */
function parseUint(value: string, flag: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 4294967295) throw new UsageError(`invalid argument "${value}" for "--${flag}" flag: must be a non-negative integer`);
  return Number(value);
}

function parseInt64(value: string, flag: string): number {
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(Number(value))) throw new UsageError(`invalid argument "${value}" for "--${flag}" flag: must be an integer`);
  return Number(value);
}
