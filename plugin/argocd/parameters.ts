/**
 * The plugin's parameters (`spec.source.plugin.parameters` of an Application), as Argo CD hands
 * them to the generate command: `ARGOCD_APP_PARAMETERS` (JSON, names as written) and one
 * `PARAM_<NAME>` per string parameter (upper case, `[^A-Z0-9_]` → `_`). Argo CD never sends the
 * defaults plugin.yaml announces, so `default` here is what applies when a parameter is unset, and
 * a test pins plugin.yaml's `parameters.static` to this table.
 *
 * | parameter        | overrides (wins over the repository's .mesh-injectrc) | unset or "" |
 * |------------------|-------------------------------------------------------|-------------|
 * | `mesh`           | `mesh`                                                | the rc's    |
 * | `istio-hub`      | `istio.hub`                                           | the rc's    |
 * | `istio-tag`      | `istio.tag`                                           | the rc's    |
 * | `istio-revision` | `istio.revision`                                      | the rc's    |
 * | `allow-empty`    | accept an app that renders no object (Argo CD then prunes everything) | `false` |
 */
import type { Result } from '../../transformer/index.js';
import { checkParameterList, invalid } from './parameter-list.js';

export type { PluginParameter } from './parameter-list.js';
import type { PluginParameter } from './parameter-list.js';

export const PARAMETERS: readonly PluginParameter[] = [
  { name: 'mesh', rcPath: ['mesh'] },
  { name: 'istio-hub', rcPath: ['istio', 'hub'] },
  { name: 'istio-tag', rcPath: ['istio', 'tag'] },
  { name: 'istio-revision', rcPath: ['istio', 'revision'] },
  { name: 'allow-empty', default: 'false' },
];

type Env = Readonly<Record<string, string | undefined>>;

/** Argo CD's `escaped()`: the environment variable that carries a string parameter. */
function parameterEnvName(name: string): string {
  return `PARAM_${name.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}`;
}

export interface ParameterValues {
  /** The rc overrides that are set (unset and "" leave the rc's value). */
  overrides: { parameter: PluginParameter; value: string }[];
  allowEmpty: boolean;
  errors: Result[];
}

export function readParameters(env: Env): ParameterValues {
  const errors = checkParameterList(env.ARGOCD_APP_PARAMETERS, PARAMETERS);
  if (errors.length) return { overrides: [], allowEmpty: false, errors };
  const valueOf = (p: PluginParameter) => {
    const value = env[parameterEnvName(p.name)];
    return value === undefined || value === '' ? p.default : value;
  };
  const overrides = PARAMETERS.flatMap((parameter) => {
    const value = parameter.rcPath ? valueOf(parameter) : undefined;
    return value === undefined ? [] : [{ parameter, value }];
  });
  const allowEmpty = valueOf(PARAMETERS.find((p) => p.name === 'allow-empty')!);
  if (allowEmpty !== 'true' && allowEmpty !== 'false') {
    errors.push(invalid(`Argo CD parameter allow-empty: expected "true" or "false", got "${allowEmpty}"; set one of them in spec.source.plugin.parameters`));
  }
  return { overrides, allowEmpty: allowEmpty === 'true', errors };
}

/** A value the config schema rejects (for an rc override). */
export function parameterError(name: string, message: string): Result {
  return { severity: 'error', code: 'config-invalid', message: `Argo CD parameter ${name}: ${message}` };
}
