/**
 * istioctl's process-level settings as explicit flags: `--revision`, `--native-sidecars` and
 * `--env KEY=VALUE`, the environment istioctl would run with: `ENABLE_NATIVE_SIDECARS`,
 * `COMPLIANCE_POLICY` and `PLATFORM` steer injection, and every entry is what the templates'
 * `env KEY DEFAULT` reads. The process environment itself is never read, so the same flags
 * always give the same output.
 */
import type { TemplateKnobs } from '../../transformer/mesh/istio-templates/types.js';
import { UsageError } from '../cli/exit-codes.js';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface KnobFlags {
  revision?: string;
  nativeSidecars?: string;
  env?: string[];
}

function parseEnv(entries: readonly string[]): Map<string, string> {
  const env = new Map<string, string>();
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    const key = eq > 0 ? entry.slice(0, eq) : '';
    if (!ENV_NAME.test(key)) {
      throw new UsageError(`--env ${JSON.stringify(entry)}: expected KEY=VALUE, e.g. --env ENABLE_NATIVE_SIDECARS=true or --env COMPLIANCE_POLICY=fips-140-3`);
    }
    env.set(key, entry.slice(eq + 1));
  }
  return env;
}

export function knobsFromFlags(flags: KnobFlags): TemplateKnobs {
  const env = parseEnv(flags.env ?? []);
  return {
    // istioctl renders the revision "default" as the empty revision.
    revision: flags.revision === undefined || flags.revision === 'default' ? '' : flags.revision,
    nativeSidecars: nativeSidecars(flags.nativeSidecars, env.get('ENABLE_NATIVE_SIDECARS')),
    compliancePolicy: env.get('COMPLIANCE_POLICY') ?? '',
    // PLATFORM=openshift changes only the webhook (namespace UID ranges); kube-inject has no namespace.
    openshift: false,
    namespaceAnnotations: {},
    env: Object.fromEntries(env),
  };
}

/**
 * Without a cluster istioctl injects native sidecars only with ENABLE_NATIVE_SIDECARS=true
 * (`auto`, the default, needs nodes to look at). `--native-sidecars` says the same directly.
 */
function nativeSidecars(flag: string | undefined, env: string | undefined): boolean {
  const fromEnv = env === undefined ? undefined : env === 'true';
  if (env !== undefined && !['true', 'false', 'auto'].includes(env)) {
    throw new UsageError(`--env ENABLE_NATIVE_SIDECARS=${env}: use true, false or auto`);
  }
  const fromFlag = flag === undefined ? undefined : flag === 'true';
  if (fromFlag !== undefined && fromEnv !== undefined && fromFlag !== fromEnv) {
    throw new UsageError(`--native-sidecars ${flag} contradicts --env ENABLE_NATIVE_SIDECARS=${env}; give one of them`);
  }
  return fromFlag ?? fromEnv ?? false;
}
