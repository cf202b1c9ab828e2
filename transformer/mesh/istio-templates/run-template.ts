/**
 * One injection template run on the template data: its text output parsed as YAML (Kubernetes'
 * YAML 1.1 rules) into a pod overlay. An empty or `null` output is an empty overlay.
 */
import { parseDocument } from 'yaml';
import { TemplateError } from '../../gotemplate/index.js';
import { isObject } from '../../kube/objects.js';
import type { Result } from '../../results.js';
import type { DeepReadonly } from '../../data/deep-readonly.js';
import { MAX_ALIAS_COUNT, PARSE_OPTIONS } from '../../yaml/yaml-options.js';
import { TEMPLATE_NAME } from './injector-config.js';
import { templateError } from './input-results.js';
import type { ParsedInputs } from './inputs.js';
import { positionAt } from './source-position.js';
import type { TemplateModeCache } from './template-mode-cache.js';
import type { TemplateContext } from './types.js';

/** The overlay may share parts with other pods' (`TemplateModeCache`): read-only. */
type TemplateRun = { ok: true; overlay: DeepReadonly<Record<string, unknown>> } | { ok: false; result: Result };

/**
 * The most template output read as YAML, in characters: ~40x Istio's sidecar output (~6 KB) and
 * as much as Kubernetes allows for all of a pod's annotations together. `yaml` reads that much
 * (outside the fast reader's subset) in well under a second; several MB would take it minutes and
 * GBs. The engine's own output limit (`TEMPLATE_LIMITS.output`) is for any template.
 */
export const MAX_OVERLAY_CHARS = 256 * 1024;

export function runTemplate(cluster: ParsedInputs, name: string, data: object, context: TemplateContext): TemplateRun {
  let text: string;
  try {
    text = cluster.injector.templates.get(name)!.execute(data, context);
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    const position = cluster.injector.positions.get(name);
    const at = position && e.template === TEMPLATE_NAME && e.line > 0 ? position(e.line, e.column + 1) : { line: 1, column: 1 };
    return { ok: false, result: templateError(cluster.injectorPath, at, `templates.${name}: failed to run injection template: ${e.message}`) };
  }
  if (text.length > MAX_OVERLAY_CHARS) {
    const position = cluster.injector.positions.get(name);
    const message = `templates.${name}: the output has ${text.length} characters, over mesh-inject's limit of ${MAX_OVERLAY_CHARS} for an injection overlay; fix the template so it writes less`;
    return { ok: false, result: templateError(cluster.injectorPath, position ? position(1, 1) : { line: 1, column: 1 }, message) };
  }
  const parsed = parseOutput(text, cluster.cache);
  if (!parsed.ok) return { ok: false, result: templateFailure(cluster, `templates.${name}: ${parsed.message}`) };
  const { value } = parsed;
  if (value === null || value === undefined) return { ok: true, overlay: {} };
  if (!isObject(value)) return { ok: false, result: templateFailure(cluster, `templates.${name}: failed applying injection overlay: the output is not a mapping`) };
  return { ok: true, overlay: value };
}

/**
 * The output as plain data: the fast reader (~15x quicker) for the block YAML templates print, else
 * `yaml` with its error report. The fast reader's value shares blocks with other pods' (`cache`).
 */
function parseOutput(text: string, cache: TemplateModeCache): { ok: true; value: DeepReadonly<unknown> } | { ok: false; message: string } {
  const fast = cache.readOutput(text);
  if (fast.ok) return fast;
  const doc = parseDocument(text, PARSE_OPTIONS);
  if (doc.errors.length > 0) {
    const error = doc.errors[0]!;
    const at = positionAt(text, error.pos[0]);
    const line = JSON.stringify(text.split('\n')[at.line - 1] ?? '');
    return { ok: false, message: `failed applying injection overlay: the output is not valid YAML: ${error.message.split('\n')[0]} (output line ${at.line}: ${line})` };
  }
  return { ok: true, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown };
}

/** A `template-error` about running the templates (not about a position in the injector file). */
export function templateFailure(cluster: ParsedInputs, message: string, field?: string): Result {
  const result: Result = { severity: 'error', code: 'template-error', message: `${cluster.injectorPath}: ${message}` };
  if (field !== undefined) result.field = { path: field };
  return result;
}
