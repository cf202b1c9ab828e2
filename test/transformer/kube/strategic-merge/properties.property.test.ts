import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDirectiveKey, POD_SCHEMA, strategicMerge, tryStrategicMerge } from '../../../../transformer/kube/strategic-merge/index.js';
import { containerItem, directivePatch, finalizers, labels, originalPod, originalPodWithoutSets, plainPatch, uniquePatch, uniquePatchWithoutNulls } from './arbitraries.js';

type Obj = Record<string, any>;
const RUNS = { numRuns: 400 };

function merge(original: Obj, patch: Obj): Obj {
  return strategicMerge(original, patch, POD_SCHEMA);
}

/** Every key anywhere in `value`. */
function allKeys(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) allKeys(item, out);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      out.push(key);
      allKeys(item, out);
    }
  }
  return out;
}

function hasNull(value: unknown): boolean {
  if (value === null) return true;
  if (Array.isArray(value)) return value.some(hasNull);
  if (typeof value === 'object') return Object.values(value as Obj).some(hasNull);
  return false;
}

/** Every object and array in `value`, itself included. */
function objectsIn(value: unknown, out = new Set<unknown>()): Set<unknown> {
  if (typeof value === 'object' && value !== null) {
    out.add(value);
    for (const item of Object.values(value)) objectsIn(item, out);
  }
  return out;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

describe('strategic merge properties', () => {
  it('merging an empty patch is the identity', () => {
    fc.assert(
      fc.property(originalPod, (original) => {
        expect(merge(original, {})).toEqual(original);
      }),
      RUNS,
    );
  });

  it('merging a patch twice equals merging it once (no $patch: delete, no $deleteFromPrimitiveList)', () => {
    fc.assert(
      fc.property(originalPod, fc.oneof(uniquePatch, directivePatch(false, uniquePatch)), (original, patch) => {
        const once = merge(original, patch);
        expect(merge(once, patch)).toEqual(once);
      }),
      RUNS,
    );
  });

  it('a keyed list merge never loses an original-only item, and leaves it as it was', () => {
    fc.assert(
      fc.property(originalPod, plainPatch, (original, patch) => {
        const before = (original.spec?.containers ?? []) as Obj[];
        const patched = patch.spec?.containers;
        fc.pre(before.length > 0 && Array.isArray(patched));
        const out = merge(original, patch).spec.containers as Obj[];
        const patchNames = new Set((patched as Obj[]).map((c) => c.name));
        for (const c of before) {
          if (patchNames.has(c.name)) expect(out.some((o) => o.name === c.name)).toBe(true);
          else expect(out).toContainEqual(c);
        }
        expect(new Set(out.map((c) => c.name))).toEqual(new Set([...before.map((c) => c.name), ...patchNames]));
        expect(out).toHaveLength(new Set([...before.map((c) => c.name), ...patchNames]).size);
      }),
      RUNS,
    );
  });

  it('a set merge (finalizers) keeps every original item', () => {
    fc.assert(
      fc.property(finalizers, finalizers, (original, patch) => {
        const out = merge({ metadata: { finalizers: original } }, { metadata: { finalizers: patch } }).metadata.finalizers as string[];
        expect(new Set(out)).toEqual(new Set([...original, ...patch]));
        expect(out).toHaveLength(new Set(out).size);
      }),
      RUNS,
    );
  });

  it('$patch: replace on a map gives exactly the patch content', () => {
    fc.assert(
      fc.property(originalPod, labels, labels, (original, existing, content) => {
        const doc: Obj = { ...original, metadata: { ...original.metadata, labels: existing } };
        const out = merge(doc, { metadata: { labels: { $patch: 'replace', ...content } } });
        expect(out.metadata.labels).toEqual(content);
        expect(out.spec).toEqual(doc.spec);
      }),
      RUNS,
    );
  });

  it('$patch: replace on the root gives exactly the patch content', () => {
    fc.assert(
      fc.property(originalPod, originalPod, (original, content) => {
        expect(merge(original, { $patch: 'replace', ...content })).toEqual(content);
      }),
      RUNS,
    );
  });

  it('$patch: replace in a list gives exactly the other patch items, wherever the marker is', () => {
    fc.assert(
      fc.property(originalPod, fc.array(containerItem, { maxLength: 4 }), fc.nat(), (original, items, at) => {
        const list: Obj[] = [...items];
        list.splice(at % (items.length + 1), 0, { $patch: 'replace' });
        const out = merge(original, { spec: { containers: list } });
        expect(out.spec.containers).toEqual(items);
      }),
      RUNS,
    );
  });

  it('$deleteFromPrimitiveList leaves exactly the items it does not name', () => {
    fc.assert(
      fc.property(finalizers, finalizers, (original, remove) => {
        const out = merge({ metadata: { finalizers: original } }, { metadata: { '$deleteFromPrimitiveList/finalizers': remove } });
        expect(out.metadata.finalizers).toEqual(original.filter((f) => !remove.includes(f)));
      }),
      RUNS,
    );
  });

  it('the result never holds directive keys or patch nulls', () => {
    fc.assert(
      fc.property(originalPod, directivePatch(true), (original, patch) => {
        const out = tryStrategicMerge(original, patch, POD_SCHEMA);
        if (!out.ok) throw new Error(`valid patch rejected: ${out.error.code} ${out.error.message}\n${JSON.stringify(patch)}`);
        expect(allKeys(out.value).filter(isDirectiveKey)).toEqual([]);
        expect(hasNull(out.value)).toBe(false);
      }),
      RUNS,
    );
  });

  it('never modifies its arguments (deeply frozen inputs)', () => {
    fc.assert(
      fc.property(originalPod, directivePatch(true), (original, patch) => {
        const copy = structuredClone([original, patch]);
        tryStrategicMerge(deepFreeze(original), deepFreeze(patch), POD_SCHEMA);
        expect([original, patch]).toEqual(copy);
      }),
      RUNS,
    );
  });

  it('ownPatch and shareOriginal give the same result and modify nothing', () => {
    fc.assert(
      fc.property(originalPod, directivePatch(true), (original, patch) => {
        const copy = structuredClone([original, patch]);
        const copied = tryStrategicMerge(original, patch, POD_SCHEMA);
        const options = { shareOriginal: true, ownPatch: true };
        const shared = tryStrategicMerge(deepFreeze(original), deepFreeze(patch), POD_SCHEMA, options);
        expect(shared).toEqual(copied);
        // The same patch into another document (as template mode merges each output twice).
        expect(tryStrategicMerge({ metadata: {}, spec: {} }, patch, POD_SCHEMA, options)).toEqual(tryStrategicMerge({ metadata: {}, spec: {} }, patch, POD_SCHEMA));
        expect([original, patch]).toEqual(copy);
      }),
      RUNS,
    );
  });

  it('shareOriginal gives the same result, modifies nothing and shares no object with the patch', () => {
    fc.assert(
      fc.property(originalPod, directivePatch(true), (original, patch) => {
        const copy = structuredClone([original, patch]);
        const copied = tryStrategicMerge(original, patch, POD_SCHEMA);
        const shared = tryStrategicMerge(deepFreeze(original), deepFreeze(patch), POD_SCHEMA, { shareOriginal: true });
        expect(shared).toEqual(copied);
        expect([original, patch]).toEqual(copy);
        if (!shared.ok) return;
        // Below a part shared with the original nothing needs checking (frozen: left as it was).
        const originals = objectsIn(original);
        const patchObjects = objectsIn(patch);
        const walk = (value: unknown): void => {
          if (typeof value !== 'object' || value === null) return;
          expect(patchObjects.has(value)).toBe(false);
          if (originals.has(value)) return;
          for (const item of Object.values(value)) walk(item);
        };
        walk(shared.value);
      }),
      RUNS,
    );
  });
});
