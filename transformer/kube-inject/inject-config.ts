/**
 * What `--injectConfigFile` holds, read the way istioctl reads it: an injector config
 * (`inject.Config`, the `istio-sidecar-injector` ConfigMap's `data.config`) with non-empty
 * `templates`, of which only the templates are used; anything else is the text of the `sidecar`
 * template itself. mesh-inject also takes the ConfigMap manifest (its `data.config`, and its
 * `data.values` when no values are given otherwise).
 *
 * The injector handed to the renderer keeps only `templates`: kube-inject ignores the config's
 * policy, selectors, `defaultTemplates`, aliases and `injectedAnnotations`.
 */
import { parseDocument } from 'yaml';
import { isObject } from '../kube/objects.js';
import type { SourceText } from '../mesh/istio-templates/types.js';
import { PARSE_OPTIONS } from '../yaml/yaml-options.js';

export interface KubeInjectInjector {
  injector: SourceText;
  /** `data.values` of a ConfigMap manifest. */
  values?: SourceText;
  /** How the file was read, for messages. */
  form: 'config' | 'configmap' | 'template';
}

export function readInjectConfig(source: SourceText): KubeInjectInjector {
  const value = readYamlData(source.text);
  if (isObject(value) && value.kind === 'ConfigMap' && isObject(value.data) && typeof value.data.config === 'string') {
    const config = templatesOf(readYamlData(value.data.config));
    if (config) {
      const values = typeof value.data.values === 'string' ? { values: { path: source.path, text: value.data.values } } : {};
      return { injector: injectorText(source.path, config), ...values, form: 'configmap' };
    }
  }
  const templates = templatesOf(value);
  if (templates) return { injector: injectorText(source.path, templates), form: 'config' };
  return { injector: injectorText(source.path, { sidecar: source.text }), form: 'template' };
}

function readYamlData(text: string): unknown {
  const doc = parseDocument(text, PARSE_OPTIONS);
  if (doc.errors.length > 0) return undefined;
  try {
    return doc.toJS();
  } catch {
    return undefined;
  }
}

/**
 * The non-empty `templates` map of an injector config. A template that is not a scalar fails Go's
 * decoding, and istioctl then takes the whole file as one template.
 */
function templatesOf(value: unknown): Record<string, string> | undefined {
  if (!isObject(value) || !isObject(value.templates)) return undefined;
  const templates: Record<string, string> = {};
  for (const [name, text] of Object.entries(value.templates)) {
    if (typeof text === 'object' && text !== null) return undefined;
    templates[name] = text === null ? '' : String(text);
  }
  return Object.keys(templates).length > 0 ? templates : undefined;
}

function injectorText(path: string, templates: Record<string, string>): SourceText {
  return { path, text: `${JSON.stringify({ templates }, null, 2)}\n` };
}
