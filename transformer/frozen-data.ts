/**
 * Deeply frozen data: objects and arrays that can never change, down to their leaves. Pure
 * functions of such data can remember their results by identity (template output parts shared
 * between pods, the injector's values), which is only safe when nothing below can change either.
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
