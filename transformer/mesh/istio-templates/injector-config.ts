/**
 * The injector config (`istio-sidecar-injector` `data.config`, Istio's `inject.Config`), parsed the
 * way `UnmarshalConfig` does: unknown keys ignored, `defaultTemplates` defaulting to `[sidecar]`,
 * and every template parsed up front, so one bad template fails the whole input.
 *
 * Like `istioctl kube-inject --injectConfigFile`, a text that is not an injector config (no
 * `templates`, `policy`... keys) is taken as the `sidecar` template itself. A config holding only
 * the pre-1.8 `template` key is refused: its template renders a different shape.
 */
import { isMap, isScalar, parseDocument, type Node, type YAMLMap } from 'yaml';
import { Template, TemplateError, type FuncMap } from '../../gotemplate/index.js';
import { isObject } from '../../kube/objects.js';
import type { LabelSelector, LabelSelectorRequirement } from '../../kube/label-selector.js';
import type { Result } from '../../results.js';
import { PARSE_OPTIONS } from '../../yaml/yaml-options.js';
import type { DataText } from './configmap-data.js';
import { inputError, templateError } from './input-results.js';
import { positionAt, scalarContentMap, type PositionMap } from './source-position.js';

const SIDECAR_TEMPLATE = 'sidecar';
/** The name Istio gives every injection template (`template.New("inject")`), as its errors print it. */
export const TEMPLATE_NAME = 'inject';

export interface InjectorConfig {
  policy: string;
  defaultTemplates: string[];
  aliases: Record<string, string[]>;
  neverInjectSelector: LabelSelector[];
  alwaysInjectSelector: LabelSelector[];
  injectedAnnotations: Record<string, string>;
  /** Parsed templates by name, in the config's order. */
  templates: Map<string, Template>;
  /** Where each template's text is in the file (for execution errors). */
  positions: Map<string, PositionMap>;
}

const CONFIG_KEYS = ['policy', 'defaultTemplates', 'templates', 'template', 'aliases', 'neverInjectSelector', 'alwaysInjectSelector', 'injectedAnnotations'];

export function parseInjectorConfig(data: DataText, funcs: FuncMap): { config?: InjectorConfig; results: Result[] } {
  const doc = parseDocument(data.text, PARSE_OPTIONS);
  const root = doc.errors.length === 0 ? doc.contents : undefined;
  const isConfig = isMap(root) && root.items.some((p) => isScalar(p.key) && CONFIG_KEYS.includes(String(p.key.value)));
  if (!isConfig) {
    if (doc.errors.length > 0 && !data.text.includes('{{')) {
      const e = doc.errors[0]!;
      const at = data.map(...lineCol(data.text, e.pos[0]));
      return { results: [inputError(data.path, at, `injector config: ${e.message.split('\n')[0]}`)] };
    }
    if (root === null || root === undefined || (isScalar(root) && root.value === null)) {
      return { config: emptyConfig(new Map(), new Map()), results: [] };
    }
    // kube-inject: a file that is not an injector config is the sidecar template.
    const parsed = parseTemplate(SIDECAR_TEMPLATE, data.text, data.path, data.map, funcs);
    if (!parsed.template) return { results: parsed.results };
    return { config: emptyConfig(new Map([[SIDECAR_TEMPLATE, parsed.template]]), new Map([[SIDECAR_TEMPLATE, data.map]])), results: [] };
  }
  const map = root as YAMLMap;
  const results: Result[] = [];
  const field = (key: string): { node: Node | null | undefined } => ({ node: map.get(key, true) as Node | null | undefined });
  const fail = (key: string, node: Node | null | undefined, message: string): void => {
    const at = data.map(...lineCol(data.text, node?.range?.[0] ?? 0));
    results.push(inputError(data.path, at, `injector config: ${key}: ${message}`));
  };
  const json = map.toJSON() as Record<string, unknown>;

  const policy = json.policy ?? '';
  if (typeof policy !== 'string') fail('policy', field('policy').node, `expected enabled or disabled, got ${JSON.stringify(policy)}`);
  const defaultTemplates = stringList(json.defaultTemplates);
  if (defaultTemplates === undefined) fail('defaultTemplates', field('defaultTemplates').node, 'expected a list of template names');
  const aliases = aliasMap(json.aliases);
  if (aliases === undefined) fail('aliases', field('aliases').node, 'expected a mapping of names to lists of template names');
  const never = selectors(json.neverInjectSelector);
  if (never === undefined) fail('neverInjectSelector', field('neverInjectSelector').node, 'expected a list of label selectors');
  const always = selectors(json.alwaysInjectSelector);
  if (always === undefined) fail('alwaysInjectSelector', field('alwaysInjectSelector').node, 'expected a list of label selectors');
  const injectedAnnotations = stringMapOf(json.injectedAnnotations);
  if (injectedAnnotations === undefined) fail('injectedAnnotations', field('injectedAnnotations').node, 'expected a mapping of strings');

  const templates = new Map<string, Template>();
  const positions = new Map<string, PositionMap>();
  const templatesNode = map.get('templates', true) as Node | null | undefined;
  if (templatesNode !== undefined && templatesNode !== null && !(isScalar(templatesNode) && templatesNode.value === null)) {
    if (!isMap(templatesNode)) fail('templates', templatesNode, 'expected a mapping of template names to template texts');
    else {
      for (const pair of templatesNode.items) {
        const name = isScalar(pair.key) ? String(pair.key.value) : '';
        const value = pair.value as Node | null;
        if (!isScalar(value) || typeof value.value !== 'string') {
          fail(`templates.${name}`, value ?? (pair.key as Node), 'expected the template text as a string');
          continue;
        }
        const position = scalarContentMap(value, data.text, data.map);
        const parsed = parseTemplate(name, value.value, data.path, position, funcs);
        if (parsed.template) templates.set(name, parsed.template);
        positions.set(name, position);
        results.push(...parsed.results);
      }
    }
  }
  if (templates.size === 0 && results.length === 0 && typeof json.template === 'string') {
    fail('template', field('template').node, 'only the pre-1.8 `template` key is set and `templates` is empty; use the istio-sidecar-injector ConfigMap of the Istio version the cluster runs');
  }
  if (results.length > 0) return { results };
  return {
    config: {
      policy: policy as string,
      defaultTemplates: defaultTemplates!.length > 0 ? defaultTemplates! : [SIDECAR_TEMPLATE],
      aliases: aliases!,
      neverInjectSelector: never!,
      alwaysInjectSelector: always!,
      injectedAnnotations: injectedAnnotations!,
      templates,
      positions,
    },
    results,
  };
}

function emptyConfig(templates: Map<string, Template>, positions: Map<string, PositionMap>): InjectorConfig {
  return { policy: 'enabled', defaultTemplates: [SIDECAR_TEMPLATE], aliases: {}, neverInjectSelector: [], alwaysInjectSelector: [], injectedAnnotations: {}, templates, positions };
}

/** Parses one template as Istio does (sprig + Istio functions, named `inject`); errors name the template and its position in the file. */
function parseTemplate(name: string, text: string, path: string, map: PositionMap, funcs: FuncMap): { template?: Template; results: Result[] } {
  try {
    return { template: new Template(TEMPLATE_NAME).funcs(funcs).parse(text), results: [] };
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    return { results: [templateError(path, map(e.line, e.column + 1), `templates.${name}: ${e.message}`)] };
  }
}

function lineCol(text: string, offset: number): [number, number] {
  const at = positionAt(text, offset);
  return [at.line, at.column];
}

function stringList(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) return undefined;
  return value as string[];
}

function aliasMap(value: unknown): Record<string, string[]> | undefined {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) return undefined;
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(value)) {
    const list = stringList(v);
    if (list === undefined) return undefined;
    out[k] = list;
  }
  return out;
}

function stringMapOf(value: unknown): Record<string, string> | undefined {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === null || typeof v === 'object') return undefined;
    out[k] = String(v);
  }
  return out;
}

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/** `[]metav1.LabelSelector`; a selector Kubernetes cannot convert is skipped, as Istio skips it (with a log line). */
function selectors(value: unknown): LabelSelector[] | undefined {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return undefined;
  const out: LabelSelector[] = [];
  for (const item of value) {
    if (!isObject(item)) return undefined;
    const matchLabels = stringMapOf(item.matchLabels);
    if (matchLabels === undefined) continue;
    const expressions = Array.isArray(item.matchExpressions) ? item.matchExpressions : [];
    const matchExpressions: LabelSelectorRequirement[] = [];
    let valid = true;
    for (const e of expressions) {
      if (!isObject(e) || typeof e.key !== 'string' || typeof e.operator !== 'string' || !OPERATORS.has(e.operator)) valid = false;
      else matchExpressions.push({ key: e.key, operator: e.operator as LabelSelectorRequirement['operator'], values: stringList(e.values) ?? [] });
    }
    if (valid) out.push({ matchLabels, matchExpressions });
  }
  return out;
}
