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
  fileCommand(program, 'explain', 'show, per workload, whether it is injected and why').action((paths: string[], flags: FileFlags) => files('inject', paths, flags, true));
  program
    .command('fn')
    .description('run as a KRM function: ResourceList on stdin, ResourceList on stdout (kustomize, kpt)')
    .option('--uninject', 'remove injections instead of adding them')
    .option('--verify', 'accepted for compatibility: every edited item is verified before it is written')
    .action(async (flags: { uninject?: boolean; verify?: boolean }) => {
      const { runKrmFunction } = await import('../krm.js');
      exitCode = await runKrmFunction(io, flags.uninject ? 'uninject' : 'inject', flags.verify === true);
    });

  // Integrations: `mesh-inject plugin kustomize [CONFIG]` is what the kustomize plugin launcher
  // plugin/kustomize/mesh-inject.dev/v1alpha1/meshinject/MeshInject runs (plugin/kustomize-plugin.ts).
  program
    .command('plugin')
    .description('run as another tool\'s plugin (started by the launchers in plugin/)')
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

  try {
    await program.parseAsync([...argv], { from: 'user' });
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

async function packageVersion(): Promise<string> {
  const { VERSION } = await import('../version.js');
  return VERSION;
}
