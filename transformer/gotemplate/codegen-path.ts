/**
 * Field chains without arguments (`.Values.global.proxy.image`) compiled to one function per
 * chain. Each step reads a plain field with a property load of its own (so V8 caches the few
 * shapes that one step sees) and hands anything else (methods, missing keys, nil, errors) to
 * `evalField`. Sites with the same chain share its function.
 */
import type { JsWriter } from './codegen-writer.js';

/**
 * The name of a function `(s, dot, receiver, at)` reading `ident` from `receiver`. No name may be
 * `constructor` or `__proto__` (those always take `evalField`).
 *
 * The quick step is exact: on an object with a plain prototype (`hasPlainProto`), a property that
 * reads as neither undefined nor a function is the map entry or struct field Go reads. The load
 * comes before the prototype check because V8 then knows the receiver's shape and answers the
 * check without a call (on other objects a property may be read twice, harmless for data).
 */
export function fieldPath(w: JsWriter, ident: readonly string[]): string {
  return w.shared(`path:${JSON.stringify(ident)}`, () => {
    const body = ['let v;'];
    for (const name of ident) {
      const key = w.constant(name);
      body.push(
        `if (typeof r === 'object' && r !== null && (v = r[${key}]) !== undefined && typeof v !== 'function' && hasPlainProto(r)) r = v;`,
        `else r = evalField(s, dot, r, ${key}, at, null, MISSING, false);`,
      );
    }
    body.push('return r;');
    return w.function('path', 's, dot, r, at', body);
  });
}
