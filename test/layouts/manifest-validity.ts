/**
 * What the API server would reject in an injected pod template, as a list of problems (empty when
 * valid): duplicate container, volume or port names, mounts of missing volumes, duplicate mount
 * paths, probes and lifecycle hooks with no handler or several. `manifestProblems` also reports
 * text that does not parse.
 */
import { parseAllDocuments } from 'yaml';
import type { WorkloadKind } from '../../transformer/inject-config.js';
import { findWorkload, LIST_KINDS } from '../../transformer/kube/workload-kinds.js';
import { MAX_ALIAS_COUNT, PARSE_OPTIONS } from '../../transformer/yaml/yaml-options.js';

type Obj = Record<string, unknown>;

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
const HOOKS = ['postStart', 'preStop'];
const HOOK_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'];

const isObj = (value: unknown): value is Obj => value !== null && typeof value === 'object' && !Array.isArray(value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function duplicates(values: unknown[]): unknown[] {
  const seen = new Set<unknown>();
  return [...new Set(values.filter((v) => (seen.has(v) ? true : (seen.add(v), false))))];
}

function handlerProblems(where: string, holder: unknown, handlers: string[]): string[] {
  if (!isObj(holder)) return [`${where} is not a map`];
  const present = handlers.filter((h) => holder[h] !== undefined && holder[h] !== null);
  return present.length === 1 ? [] : [`${where} has ${present.length} handlers (${present.join(', ') || 'none'})`];
}

function containerProblems(where: string, container: unknown, volumes: Set<unknown>): string[] {
  if (!isObj(container)) return [`${where} is not a map`];
  const problems: string[] = [];
  const mounts = list(container.volumeMounts).filter(isObj);
  for (const mount of mounts) if (!volumes.has(mount.name)) problems.push(`${where} mounts missing volume ${String(mount.name)}`);
  for (const path of duplicates(mounts.map((m) => m.mountPath))) problems.push(`${where} mounts ${String(path)} twice`);
  for (const probe of PROBES) if (container[probe] !== undefined) problems.push(...handlerProblems(`${where}.${probe}`, container[probe], PROBE_HANDLERS));
  const lifecycle = container.lifecycle;
  if (isObj(lifecycle)) for (const hook of HOOKS) if (lifecycle[hook] !== undefined) problems.push(...handlerProblems(`${where}.lifecycle.${hook}`, lifecycle[hook], HOOK_HANDLERS));
  return problems;
}

/** Problems of one pod template (`{metadata, spec}`). */
export function podTemplateProblems(template: unknown): string[] {
  if (!isObj(template) || !isObj(template.spec)) return ['pod template has no spec'];
  const spec = template.spec;
  const problems: string[] = [];
  if (!Array.isArray(spec.containers) || spec.containers.length === 0) problems.push('spec.containers is empty or not a list');
  // Named, not numbered: injection inserts containers, and problems are compared before and after.
  const label = (kind: string) => (c: unknown, i: number) => [`${kind} ${isObj(c) && typeof c.name === 'string' ? c.name : `#${i}`}`, c] as const;
  const containers = [...list(spec.initContainers).map(label('initContainer')), ...list(spec.containers).map(label('container'))];
  const named = containers.map(([, c]) => c).filter(isObj);
  for (const name of duplicates(named.map((c) => c.name))) problems.push(`container name ${String(name)} is used twice`);
  const volumeNames = list(spec.volumes).filter(isObj).map((v) => v.name);
  for (const name of duplicates(volumeNames)) problems.push(`volume name ${String(name)} is used twice`);
  const portNames = named.flatMap((c) => list(c.ports).filter(isObj).map((p) => p.name)).filter((n) => n !== undefined && n !== '');
  for (const name of duplicates(portNames)) problems.push(`port name ${String(name)} is used twice`);
  const volumes = new Set(volumeNames);
  for (const [where, container] of containers) problems.push(...containerProblems(where, container, volumes));
  return problems;
}

/** Every pod template in a parsed object (`kind: List` items included), with where it is. */
export function podTemplates(object: unknown, extraKinds: readonly WorkloadKind[] = []): Array<{ where: string; template: unknown }> {
  if (!isObj(object)) return [];
  if (typeof object.kind === 'string' && LIST_KINDS.has(object.kind)) {
    return list(object.items).flatMap((item, i) => podTemplates(item, extraKinds).map((t) => ({ ...t, where: `items[${i}].${t.where}` })));
  }
  const match = findWorkload(object.apiVersion, object.kind, extraKinds);
  if (!match) return [];
  const template = match.podPath.reduce<unknown>((node, key) => (isObj(node) ? node[key] : undefined), object);
  return [{ where: match.podPath.join('.') || '(pod)', template }];
}

/** The problems of every pod template in parsed documents. */
export function documentProblems(docs: readonly unknown[], extraKinds: readonly WorkloadKind[] = []): string[] {
  return docs.flatMap((doc, i) =>
    podTemplates(doc, extraKinds).flatMap(({ where, template }) => podTemplateProblems(template).map((p) => `document ${i} ${where}: ${p}`)),
  );
}

/** Parse problems of a file's text, or the problems of every pod template in it. */
export function manifestProblems(text: string, extraKinds: readonly WorkloadKind[] = []): string[] {
  const docs = parseAllDocuments(text.replace(/^\uFEFF/, ''), PARSE_OPTIONS);
  const parseErrors = docs.flatMap((doc, i) => doc.errors.map((e) => `document ${i} does not parse: ${e.code} ${e.message.split('\n')[0]}`));
  if (parseErrors.length > 0) return parseErrors;
  return documentProblems(docs.map((doc) => doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT })), extraKinds);
}
