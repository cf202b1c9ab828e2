/**
 * Freezing data that is shared between renders (typed `DeepReadonly`): at run time a change to it
 * throws instead of silently altering what other pods get. `settle` also lays big maps out fast
 * for V8: a map built by adding keys one by one (`map[key] = v`) turns into a slow dictionary past
 * ~16 keys; a spread copy does not.
 */

/** Freezes `value` and everything it holds; a part frozen already is taken as frozen all the way down (as everything frozen here is). */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

/** Maps with more keys than this are copied into the fast layout by `settle`. */
const FAST_LAYOUT_KEYS = 16;

/** `value` frozen all the way down, big maps replaced by fast-layout copies (so use the result); frozen parts are kept as they are. */
export function settle(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = settle(value[i]);
    return Object.freeze(value);
  }
  const keys = Object.keys(value);
  const map = (keys.length > FAST_LAYOUT_KEYS ? { ...value } : value) as Record<string, unknown>;
  for (const key of keys) map[key] = settle(map[key]);
  return Object.freeze(map);
}
