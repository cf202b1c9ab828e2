/**
 * Whether undoing a record is something an injection could have done. The record is read from the
 * file like any other input: a crafted or hand-edited one must not let `inject` or `uninject`
 * change the user's own content. So the pod as written (`injected`) and the pod the record gives
 * back (`pristine`) are compared, and every difference must be one an injection owns:
 *
 * - a node only in `injected` was added: allowed where the mesh or the config's sidecars add
 *   things (the footprint: sidecar containers, their volumes, labels and annotations), or where
 *   injecting `pristine` again adds it (`reinjected`);
 * - a node of `pristine` that `injected` changed or dropped (a rewritten probe, merged Prometheus
 *   annotations, an override container's `image: auto`) is allowed only where injecting
 *   `pristine` again changes or drops it too; the mesh's own copies of what it replaced (the
 *   footprint's evidence) must agree with the record's originals.
 *
 * Sidecar containers are compared by name across `containers` and `initContainers`, since an
 * injection may move a user's override container (native sidecars). Everything outside the pod
 * templates must be identical; `documentViolations` checks that.
 */
import { isObject } from '../kube/objects.js';
import { mergeKeyFor } from '../kube/merge-keys.js';
import { deepEqual } from '../yaml/deep-equal.js';
import { formatPath, type PathSegment } from '../yaml/node-path.js';
import { RECORD_ANNOTATION } from './format.js';
import type { Footprint } from '../mesh/types.js';

export type { Footprint } from '../mesh/types.js';

interface TrustViolation {
  path: PathSegment[];
  /** `added`: undoing would remove it; `changed`/`removed`: undoing would put back other content. */
  kind: 'added' | 'changed' | 'removed' | 'reordered';
}

/** Sidecars gathered by name from both container lists, under a key no pod spec can have. */
const SIDECARS = ' sidecars';

type Data = Record<string, unknown>;

function containerNames(pod: unknown): string[] {
  const spec = isObject(pod) && isObject(pod.spec) ? pod.spec : {};
  return [spec.containers, spec.initContainers].flatMap((list) => (Array.isArray(list) ? list : [])).flatMap((c) => (isObject(c) && typeof c.name === 'string' ? [c.name] : []));
}

/** The pod with sidecar containers moved out of both lists into one map by name. */
function withSidecarsApart(pod: unknown, sidecars: ReadonlySet<string>): unknown {
  if (!isObject(pod) || !isObject(pod.spec)) return pod;
  const gathered: Data = {};
  const spec: Data = { ...pod.spec };
  for (const field of ['containers', 'initContainers']) {
    const list = spec[field];
    if (!Array.isArray(list)) continue;
    spec[field] = list.filter((c) => {
      if (!isObject(c) || typeof c.name !== 'string' || !sidecars.has(c.name) || Object.hasOwn(gathered, c.name)) return true;
      gathered[c.name] = c;
      return false;
    });
  }
  if (Object.keys(gathered).length) spec[SIDECARS] = gathered;
  return { ...pod, spec };
}

function keyedItems(list: unknown[], mergeKey: string): Map<string | number, unknown> | undefined {
  const items = new Map<string | number, unknown>();
  for (const item of list) {
    const key = isObject(item) ? item[mergeKey] : undefined;
    if ((typeof key !== 'string' && typeof key !== 'number') || items.has(key)) return undefined;
    items.set(key, item);
  }
  return items;
}

class Walk {
  readonly violations: TrustViolation[] = [];

  constructor(private readonly footprint: Footprint, private readonly reinjected: unknown | undefined) {}

  /** Whether the footprint names the node at `path` (relative to the pod) as an injection's. */
  private ownable(path: PathSegment[]): boolean {
    const [first, second, third] = path;
    if (first === 'spec' && second === SIDECARS) return true;
    if (first === 'spec' && second === 'volumes' && isObject(third)) return this.footprint.volumes.has(String(third.name));
    if (first === 'metadata' && second === 'labels' && typeof third === 'string') return path.length === 3 && this.footprint.labels.has(third);
    if (first === 'metadata' && second === 'annotations' && typeof third === 'string') {
      return path.length === 3 && (third === RECORD_ANNOTATION || this.footprint.annotations.has(third) || this.footprint.sharedAnnotations?.has(third) === true);
    }
    return false;
  }

  /**
   * @param injected the node as written; `pristine` as the record gives it back (undefined: absent)
   * @param again the node in the re-injected pod: `has` false when that pod lacks it
   */
  compare(injected: unknown, pristine: unknown, again: Again, path: PathSegment[]): void {
    if (deepEqual(injected, pristine)) return;
    // `key:` with nothing (null) that the injection filled is judged like an absent key.
    if (pristine === undefined || (pristine === null && isCollection(injected))) return this.added(injected, again, path);
    if (injected === undefined) {
      if (this.reinjected !== undefined && !again.has) return;
      this.violations.push({ path, kind: 'removed' });
      return;
    }
    if (isObject(injected) && isObject(pristine)) {
      for (const key of new Set([...Object.keys(injected), ...Object.keys(pristine)])) {
        this.compare(injected[key], pristine[key], child(again, key), [...path, key]);
      }
      return;
    }
    const field = typeof path.at(-1) === 'string' ? (path.at(-1) as string) : undefined;
    const mergeKey = field === SIDECARS ? undefined : mergeKeyFor(field);
    if (Array.isArray(injected) && Array.isArray(pristine) && mergeKey) {
      const written = keyedItems(injected, mergeKey);
      const original = keyedItems(pristine, mergeKey);
      if (written && original) return this.compareKeyed(written, original, mergeKey, again, path);
    }
    // Injecting again writes what is there, or also replaces the user's value (an override
    // container's `image: auto`, whose replacement changes with the proxy version).
    if (this.reinjected !== undefined && again.has && (deepEqual(again.value, injected) || (!isCollection(injected) && !isCollection(pristine) && !deepEqual(again.value, pristine)))) return;
    this.violations.push({ path, kind: 'changed' });
  }

  private compareKeyed(written: Map<string | number, unknown>, original: Map<string | number, unknown>, mergeKey: string, again: Again, path: PathSegment[]): void {
    const againItems = Array.isArray(again.value) ? keyedItems(again.value, mergeKey) : undefined;
    for (const key of new Set([...written.keys(), ...original.keys()])) {
      const againItem = againItems?.has(key) ? { has: true, value: againItems.get(key) } : { has: false, value: undefined };
      this.compare(written.get(key), original.get(key), againItem, [...path, { [mergeKey]: key }]);
    }
    // The user's items keep their order (init containers run in it).
    const common = [...original.keys()].filter((key) => written.has(key));
    const order = [...written.keys()].filter((key) => original.has(key));
    if (!deepEqual(common, order)) this.violations.push({ path, kind: 'reordered' });
  }

  /**
   * A node only the written pod has. Maps and keyed lists are judged entry by entry (the injection
   * creating `annotations` does not make every annotation its own); a keyed item or a value is
   * the injection's when the footprint names it or injecting again adds it too.
   */
  private added(injected: unknown, again: Again, path: PathSegment[]): void {
    if (this.ownable(path)) return;
    const last = path.at(-1);
    // (An empty map holds nothing to judge by: it is judged as a value.)
    if (typeof last === 'string' && isObject(injected) && Object.keys(injected).length > 0) {
      for (const key of Object.keys(injected)) this.added(injected[key], child(again, key), [...path, key]);
      return;
    }
    const mergeKey = typeof last === 'string' ? mergeKeyFor(last) : undefined;
    const items = Array.isArray(injected) && mergeKey ? keyedItems(injected, mergeKey) : undefined;
    if (items && items.size > 0 && mergeKey) {
      const againItems = again.has && Array.isArray(again.value) ? keyedItems(again.value, mergeKey) : undefined;
      for (const [key, item] of items) {
        const has = againItems?.has(key) ?? false;
        this.added(item, { has, value: has ? againItems!.get(key) : undefined }, [...path, { [mergeKey]: key }]);
      }
      return;
    }
    if (again.has) return;
    this.violations.push({ path, kind: 'added' });
  }
}

/** A node of the re-injected pod: `has` false when that pod lacks it. */
interface Again {
  has: boolean;
  value: unknown;
}

function isCollection(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}

function child(parent: Again, key: string): Again {
  return parent.has && isObject(parent.value) && Object.hasOwn(parent.value, key) ? { has: true, value: parent.value[key] } : { has: false, value: undefined };
}

/**
 * Differences between a pod as written and the pod its record gives back that no injection
 * explains. `reinjected` is the pristine pod injected again with the current config (undefined
 * when none could be rendered: then only footprint names explain additions, and nothing
 * explains a change to the user's content).
 */
export function podViolations(injected: unknown, pristine: unknown, reinjected: unknown | undefined, footprint: Footprint): TrustViolation[] {
  const sidecars = new Set([...footprint.containers]);
  if (reinjected !== undefined) {
    const before = new Set(containerNames(pristine));
    for (const name of containerNames(reinjected)) if (!before.has(name)) sidecars.add(name);
  }
  const walk = new Walk({ ...footprint, containers: sidecars }, reinjected);
  const again = reinjected === undefined ? { has: false, value: undefined } : { has: true, value: withSidecarsApart(reinjected, sidecars) };
  walk.compare(withSidecarsApart(injected, sidecars), withSidecarsApart(pristine, sidecars), again, []);
  for (const path of footprint.evidenceMismatches?.(injected, pristine) ?? []) walk.violations.push({ path, kind: 'changed' });
  return walk.violations;
}

/** Readable path for messages: sidecar containers shown where they are in the file. */
export function describeViolation(violation: TrustViolation, podPath: readonly PathSegment[]): string {
  const path = violation.path.map((segment) => (segment === SIDECARS ? 'containers' : segment));
  const where = formatPath([...podPath, ...path]);
  switch (violation.kind) {
    case 'added':
      return `${where} would be deleted, but no injection adds it`;
    case 'removed':
      return `${where} would be put back, but no injection removes it`;
    case 'changed':
      return `${where} would be changed back to other content than the injection replaced (or than the proxy was told it replaced)`;
    case 'reordered':
      return `the items of ${where} would be put back in another order`;
  }
}

/**
 * Everything but the pod templates must read the same before and after undoing: a record can only
 * change what lies inside a pod template. `podPaths` are the pod templates' paths in the document.
 */
export function documentUnchangedOutsidePods(injected: unknown, pristine: unknown, podPaths: ReadonlyArray<readonly (string | number)[]>): boolean {
  return deepEqual(withoutPods(injected, podPaths), withoutPods(pristine, podPaths));
}

function withoutPods(document: unknown, podPaths: ReadonlyArray<readonly (string | number)[]>): unknown {
  let out = document;
  for (const path of podPaths) out = replaceAt(out, path, null);
  return out;
}

function replaceAt(value: unknown, path: readonly (string | number)[], replacement: unknown): unknown {
  if (!path.length) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value) && typeof head === 'number' && head < value.length) {
    const copy = [...value];
    copy[head] = replaceAt(value[head], rest, replacement);
    return copy;
  }
  if (isObject(value) && typeof head === 'string' && Object.hasOwn(value, head)) return { ...value, [head]: replaceAt(value[head], rest, replacement) };
  return value;
}
