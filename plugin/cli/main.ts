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
    .option('--verify', 're-parse every edited document and check it reads back as intended (slower)');
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
  fileCommand(program, 'uninject', 'remove what mesh-inject injected, restoring the original text').action((paths: string[], flags: FileFlags) => files('uninject', paths, flags));
  fileCommand(program, 'explain', 'show, per workload, whether it is injected and why').action((paths: string[], flags: FileFlags) => files('inject', paths, flags, true));
  program
    .command('fn')
    .description('run as a KRM function: ResourceList on stdin, ResourceList on stdout (kustomize, kpt)')
    .option('--uninject', 'remove injections instead of adding them')
    .option('--verify', 're-parse every edited item and check it reads back as intended (slower)')
    .action(async (flags: { uninject?: boolean; verify?: boolean }) => {
      const { runKrmFunction } = await import('../krm.js');
      exitCode = await runKrmFunction(io, flags.uninject ? 'uninject' : 'inject', flags.verify === true);
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
