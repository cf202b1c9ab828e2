/**
 * Which templates run for a pod (Istio's `selectTemplates` + `resolveAliases`): the
 * `inject.istio.io/templates` annotation (comma list, names trimmed) else the config's
 * `defaultTemplates`; an alias expands to its list, one level deep. A name with no template is an
 * error worded as Istio words it.
 */
import { goQuote } from '../../gotemplate/index.js';
import { ANN } from '../istio/names.js';
import type { InjectorConfig } from './injector-config.js';

type TemplateSelection = { ok: true; names: string[] } | { ok: false; message: string };

export function selectTemplates(annotations: Readonly<Record<string, string>>, config: InjectorConfig): TemplateSelection {
  const requested = annotations[ANN.templates];
  const names = requested === undefined ? config.defaultTemplates : requested.split(',').map((n) => n.trim());
  const resolved = names.flatMap((name) => (Object.hasOwn(config.aliases, name) ? config.aliases[name]! : [name]));
  const missing = resolved.find((name) => !config.templates.has(name));
  if (missing !== undefined) {
    return { ok: false, message: `requested template ${goQuote(missing)} not found; have ${[...config.templates.keys()].join(', ')}` };
  }
  return { ok: true, names: resolved };
}
