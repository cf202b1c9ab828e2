/**
 * The repository's config with the Application's say on top: each parameter value is validated
 * on its own (so a bad value is blamed on the parameter, not on the rc), then set over the rc's
 * value, and the cross-field rules run again on the result. The destination namespace
 * (`ARGOCD_APP_NAMESPACE`) becomes `defaultNamespace`, because Argo CD applies objects without
 * `metadata.namespace` there.
 */
import { validateConfig } from '../../config/index.js';
import { formatPath } from '../../config/messages.js';
import { runRules } from '../../config/rules.js';
import type { InjectConfig, Result } from '../../transformer/index.js';
import { parameterError, type ParameterValues } from './parameters.js';

interface Overridden {
  config?: InjectConfig;
  errors: Result[];
}

export function applyOverrides(base: InjectConfig, values: ParameterValues, appNamespace: string | undefined, rootDir: string): Overridden {
  const config = structuredClone(base);
  const errors: Result[] = [];
  const set = (label: string, path: readonly string[], value: string) => {
    const checked = validateConfig(nested(path, value));
    if (!checked.config) {
      errors.push(...checked.errors.map((e) => parameterError(label, e.message)));
      return;
    }
    setAt(config, path, getAt(checked.config, path));
  };
  for (const { parameter, value } of values.overrides) set(parameter.name, parameter.rcPath!, value);
  if (appNamespace) set('destination namespace (ARGOCD_APP_NAMESPACE)', ['defaultNamespace'], appNamespace);
  if (errors.length) return { errors };

  if (values.overrides.length) {
    for (const finding of runRules(config, { rootDir })) {
      if (finding.severity !== 'error') continue;
      const message = `${formatPath(finding.path)}: ${finding.message} (with the Argo CD parameters applied)`;
      errors.push({ severity: 'error', code: 'config-invalid', message });
    }
  }
  return errors.length ? { errors } : { config, errors };
}

function nested(path: readonly string[], value: unknown): Record<string, unknown> {
  return path.reduceRight<Record<string, unknown>>((inner, key) => ({ [key]: inner }), value as Record<string, unknown>);
}

function getAt(target: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], target);
}

function setAt(target: unknown, path: readonly string[], value: unknown): void {
  const parent = getAt(target, path.slice(0, -1)) as Record<string, unknown>;
  parent[path.at(-1)!] = value;
}
