/**
 * Deeply frozen data: objects and arrays that can never change, down to their leaves. Pure
 * functions of such data can remember their results by identity (template output parts shared
 * between pods, the injector's values), which is only safe when nothing below can change either.
 * `settle` also lays big maps out fast for V8: a map built by adding keys one by one
 * (`map[key] = v`) turns into a slow dictionary past ~16 keys; a spread copy does not.
 */

// A deeply frozen value stays so (its children cannot be replaced), so a positive check is kept.
const DEEPLY_FROZEN = new WeakSet<object>();

/** Freezes `value` and everything it holds. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !DEEPLY_FROZEN.has(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
    DEEPLY_FROZEN.add(value);
  }
  return value;
}

/** Whether `value` is an object or array that is frozen all the way down. */
export function isDeeplyFrozen(value: object): boolean {
  if (DEEPLY_FROZEN.has(value)) return true;
  if (!Object.isFrozen(value)) return false;
  for (const item of Object.values(value)) if (typeof item === 'object' && item !== null && !isDeeplyFrozen(item)) return false;
  DEEPLY_FROZEN.add(value);
  return true;
}

/** Maps with more keys than this are copied into the fast layout by `settle`. */
const FAST_LAYOUT_KEYS = 16;

/**
 * `value` made safe to share: frozen, big maps replaced by fast-layout copies (so use the result).
 * Parts frozen already are kept as they are (the walk stops there); the result counts as deeply
 * frozen when they are.
 */
export function settle(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  let settled: object;
  let deep = true; // a part frozen elsewhere may be frozen only at its top
  const take = (item: unknown): unknown => {
    const out = settle(item);
    if (deep && typeof out === 'object' && out !== null && !isDeeplyFrozen(out)) deep = false;
    return out;
  };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = take(value[i]);
    settled = value;
  } else {
    const keys = Object.keys(value);
    const map = (keys.length > FAST_LAYOUT_KEYS ? { ...value } : value) as Record<string, unknown>;
    for (const key of keys) map[key] = take(map[key]);
    settled = map;
  }
  Object.freeze(settled);
  if (deep) DEEPLY_FROZEN.add(settled);
  return settled;
}
