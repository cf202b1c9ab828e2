/**
 * Collects the JavaScript a template compiles to: its functions, and the constants they use. Every
 * value taken from the template (text, names, nodes, functions, messages) is a constant reached
 * as `K[i]`, never spliced into the source, so template text cannot change the generated code.
 */

export class JsWriter {
  private readonly constants: unknown[] = [];
  private readonly constantIndex = new Map<unknown, number>();
  private readonly functions: string[] = [];
  private nextName = 0;

  /** A JS expression for `value` (a string or object gets one slot however often it is used). */
  constant(value: unknown): string {
    // Numbers get their own slots: a Map would take -0 for 0.
    const shared = typeof value === 'string' || typeof value === 'object' || typeof value === 'function';
    let index = shared ? this.constantIndex.get(value) : undefined;
    if (index === undefined) {
      index = this.constants.length;
      this.constants.push(value);
      if (shared) this.constantIndex.set(value, index);
    }
    return `K[${index}]`;
  }

  /** A fresh identifier (temporaries, labels, functions). */
  name(prefix: string): string {
    return `${prefix}${this.nextName++}`;
  }

  /** Adds a function of the generated module; returns its name. */
  function(prefix: string, params: string, body: readonly string[]): string {
    const name = this.name(prefix);
    this.functions.push(`function ${name}(${params}) {\n${body.join('\n')}\n}`);
    return name;
  }

  /**
   * Builds the module: `helpers` become locals of the same names, and it returns the function
   * named `entry`.
   */
  build<T>(entry: string, helpers: Readonly<Record<string, unknown>>): T {
    const names = Object.keys(helpers);
    const source = `'use strict';\nconst { ${names.join(', ')} } = H;\n${this.functions.join('\n')}\nreturn ${entry};`;
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const module = new Function('K', 'H', source) as (k: unknown[], h: Readonly<Record<string, unknown>>) => T;
    return module(this.constants, helpers);
  }
}
