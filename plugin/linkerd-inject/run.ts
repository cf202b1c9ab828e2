/**
 * `mesh-inject linkerd-inject` and `mesh-inject linkerd-uninject`: the `linkerd inject` /
 * `linkerd uninject` command lines around the pure stream logic in transformer/linkerd-inject/.
 * Offline: the values come from `--values` (a Helm values file or the `linkerd-config` ConfigMap),
 * else from the nearest `.mesh-injectrc`'s `linkerd` section, never from a cluster. Exit codes: Linkerd's 1 when the resources could not be transformed; 2 for
 * bad usage, a bad values file, or a file that could not be read (named on stderr; the other files
 * still run).
 */
import { VERSION } from '../version.js';
import { formatGoDuration, parseGoDuration } from '../../transformer/gotemplate/go-duration.js';
import { formatResult } from '../../transformer/results.js';
import {
  InjectFlagError, applyInjectFlags, linkerdInject, linkerdUninject, overrideAnnotations,
  type LinkerdInjectFlags, type LinkerdOutcome, type OutputFormat,
} from '../../transformer/linkerd-inject/index.js';
import { EXIT_INPUT, UsageError } from '../cli/exit-codes.js';
import type { Io } from '../cli/io.js';
import { resolve } from 'node:path';
import { readLinkerdInputs, readText } from './inputs.js';
import { defaultLinkerdValues, readLinkerdValues, type LinkerdValues } from '../../transformer/mesh/linkerd/index.js';
import { createConfigResolver } from '../../config/load.js';
import { repoRoot } from '../cli/repo-root.js';

export interface LinkerdInjectCommandFlags extends LinkerdInjectFlags {
  values?: string;
  manual?: boolean;
  enableDebugSidecar?: boolean;
  closeWaitTimeout?: string;
  verbose?: boolean;
  createdBy?: string;
  output?: string;
  /** `-L, --linkerd-namespace`: the control plane's namespace (default: the ConfigMap's, else `linkerd`). */
  linkerdNamespace?: string;
}

export async function runLinkerdInject(io: Io, path: string | undefined, flags: LinkerdInjectCommandFlags): Promise<number> {
  return usage(io, async () => {
    const output = outputFormat(flags.output);
    const closeWait = flags.closeWaitTimeout !== undefined ? goDuration(flags.closeWaitTimeout) : undefined;
    const read = await readValues(io, flags.values, path);
    const base = flags.linkerdNamespace !== undefined ? { ...read, linkerdNamespace: flags.linkerdNamespace } : read;
    let values: LinkerdValues;
    try {
      const registry = flags.registry ?? nonEmpty(io.env.LINKERD_DOCKER_REGISTRY);
      values = applyInjectFlags(base, { ...flags, ...(registry !== undefined ? { registry } : {}) });
    } catch (error) {
      if (error instanceof InjectFlagError) throw new UsageError(error.message);
      throw error;
    }
    const inputs = await readLinkerdInputs(io, path);
    const outcome = linkerdInject(inputs.texts, {
      mode: 'uninject-then-inject',
      output,
      values,
      overrides: overrideAnnotations(values, base),
      manual: flags.manual === true,
      enableDebugSidecar: flags.enableDebugSidecar === true,
      ...(closeWait !== undefined && closeWait !== 0 ? { closeWaitTimeout: formatGoDuration(BigInt(closeWait)) } : {}),
      allowNsInject: true,
      createdBy: flags.createdBy ?? `mesh-inject ${VERSION}`,
      verbose: flags.verbose === true,
    });
    return finish(io, outcome, inputs.faults, flags.verbose === true);
  });
}

export async function runLinkerdUninject(io: Io, path: string | undefined, flags: { output?: string }): Promise<number> {
  return usage(io, async () => {
    const output = outputFormat(flags.output);
    const inputs = await readLinkerdInputs(io, path);
    return finish(io, linkerdUninject(inputs.texts, { output }), inputs.faults);
  });
}

/**
 * Linkerd's output, the preset's warnings (Linkerd logs them only with --verbose), then the files
 * that could not be read; a fault makes the exit code 2.
 */
function finish(io: Io, outcome: LinkerdOutcome, faults: readonly string[], verbose = false): number {
  if (outcome.stdout !== '') io.stdout(outcome.stdout);
  if (outcome.stderr !== '') io.stderr(outcome.stderr);
  if (verbose) for (const warning of outcome.warnings) io.stderr(`${formatResult(warning)}\n`);
  for (const fault of faults) io.stderr(`mesh-inject: ${fault}\n`);
  return faults.length > 0 ? EXIT_INPUT : outcome.exitCode;
}

async function usage(io: Io, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`Error: ${error.message}\n`);
    return EXIT_INPUT;
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function outputFormat(output: string | undefined): OutputFormat {
  if (output === undefined || output === 'yaml' || output === 'json') return output ?? 'yaml';
  throw new UsageError(`--output ${output}: unsupported format (json or yaml)`);
}

function goDuration(text: string): number {
  const parsed = parseGoDuration(text);
  if ('error' in parsed) throw new UsageError(`invalid argument "${text}" for "--close-wait-timeout" flag: ${parsed.error}`);
  return parsed.nanos;
}

async function readValues(io: Io, file: string | undefined, near: string | undefined): Promise<LinkerdValues> {
  if (file === undefined) return rcValues(io, near);
  const text = await readText(resolve(io.cwd, file), file);
  if (typeof text !== 'string') throw new UsageError(text.fault);
  return parsedValues(io, text, file);
}

function parsedValues(io: Io, text: string, file: string): LinkerdValues {
  const read = readLinkerdValues(text, file);
  const errors = read.results.filter((r) => r.severity === 'error');
  if (errors.length > 0 || !read.values) throw new UsageError(errors.map(formatResult).join('\n') || `${file}: no values`);
  for (const warning of read.results.filter((r) => r.severity === 'warning')) io.stderr(`${formatResult(warning)}\n`);
  return read.values;
}

const NO_VALUES =
  'no Linkerd values: linkerd inject reads them from the cluster, mesh-inject works offline; pass --values FILE (the Helm values you installed Linkerd with, or `kubectl -n linkerd get cm linkerd-config -o yaml`), or set linkerd.values (or linkerd.identityTrustAnchorsFile) in .mesh-injectrc';

/** Without --values: the Linkerd settings of the `.mesh-injectrc` nearest to the input, as `inject` uses them. */
async function rcValues(io: Io, near: string | undefined): Promise<LinkerdValues> {
  const from = near === undefined || near === '-' ? io.cwd : resolve(io.cwd, near);
  const loaded = await createConfigResolver({ stopDir: repoRoot(io.cwd) }).resolveFor(from);
  if (!loaded.config) throw new UsageError(loaded.errors.map(formatResult).join('\n'));
  const linkerd = loaded.config.linkerd;
  if (linkerd.inputs?.values) return parsedValues(io, linkerd.inputs.values.text, linkerd.inputs.values.path);
  const pem = linkerd.inputs?.trustAnchors?.text ?? linkerd.identityTrustAnchorsPEM;
  if (pem === undefined) throw new UsageError(NO_VALUES);
  return defaultLinkerdValues({ version: linkerd.version, identityTrustAnchorsPEM: pem });
}
