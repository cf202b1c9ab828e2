/**
 * Kubernetes strategic merge of pod-shaped JSON (what Istio does with `StrategicMergePatch` and
 * the `corev1.Pod` schema), limited to what injection needs: maps merge recursively, `null` in
 * the patch deletes, lists with a merge key merge element by element, other lists are replaced.
 *
 * List order follows apimachinery's `normalizeElementOrder`: patch items keep the patch order,
 * original-only items keep theirs, and the two are interleaved by their original positions; so
 * items only in the patch come before items only in the original (injected volumes before the
 * user's), and items in both stay where the original had them.
 */
import { cloneData, isObject } from '../../kube/objects.js';
import { mergeKeyFor } from '../../kube/merge-keys.js';


type Obj = Record<string, unknown>;

/** Merge `patch` onto `original`; neither argument is modified. Keys keep the original's order. */
export function strategicMerge<T extends object>(original: T, patch: object): T {
  return mergeMap(original as Obj, patch as Obj) as T;
}

function mergeMap(original: Obj, patch: Obj): Obj {
  const out: Obj = { ...original };
  for (const [key, patchValue] of Object.entries(patch)) {
    if (patchValue === null) {
      delete out[key];
      continue;
    }
    const current = out[key];
    const mergeKey = mergeKeyFor(key);
    if (isObject(patchValue) && isObject(current)) {
      out[key] = mergeMap(current, patchValue);
    } else if (Array.isArray(patchValue) && Array.isArray(current) && mergeKey && isListOfObjects(current, patchValue)) {
      out[key] = mergeList(current as Obj[], patchValue as Obj[], mergeKey);
    } else {
      out[key] = cloneData(patchValue);
    }
  }
  return out;
}

function isListOfObjects(a: unknown[], b: unknown[]): boolean {
  return a.every(isObject) && b.every(isObject);
}

function mergeList(original: Obj[], patch: Obj[], mergeKey: string): Obj[] {
  const merged: Obj[] = [...original];
  for (const item of patch) {
    const at = indexByKey(merged, item[mergeKey], mergeKey);
    if (at >= 0) merged[at] = mergeMap(merged[at]!, item);
    else merged.push(cloneData(item));
  }
  const inPatch = (item: Obj): boolean => indexByKey(patch, item[mergeKey], mergeKey) >= 0;
  const patchItems = merged
    .filter(inPatch)
    .sort((a, b) => indexByKey(patch, a[mergeKey], mergeKey) - indexByKey(patch, b[mergeKey], mergeKey));
  const serverOnly = merged.filter((item) => !inPatch(item));
  return mergeSorted(serverOnly, patchItems, original, mergeKey);
}

/**
 * apimachinery `mergeSortedSlice(left = server-only, right = patch items)`: take the server item
 * only while it is known to precede the patch item in the original list.
 */
function mergeSorted(left: Obj[], right: Obj[], serverOrder: Obj[], mergeKey: string): Obj[] {
  const out: Obj[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (j >= right.length) out.push(left[i++]!);
    else if (i >= left.length) out.push(right[j++]!);
    else {
      const li = indexByKey(serverOrder, left[i]![mergeKey], mergeKey);
      const ri = indexByKey(serverOrder, right[j]![mergeKey], mergeKey);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]!);
      else out.push(right[j++]!);
    }
  }
  return out;
}

function indexByKey(list: readonly Obj[], value: unknown, mergeKey: string): number {
  return list.findIndex((item) => item[mergeKey] === value);
}
