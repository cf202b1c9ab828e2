/**
 * Collects the JavaScript a template compiles to: its functions, the constants they use and the
 * parse nodes they report errors at. Every value taken from the template (text, names, functions,
 * messages) is a constant reached as `K[i]`, never spliced into the source, so template text
 * cannot change the generated code; nodes are numbers in the set's `NodeTable`.
 */
import type { Node } from './nodes.js';

/** The parse nodes of a template set, numbered: `s.at` holds the number of the node being evaluated. */
export class NodeTable {
  readonly nodes: Node[] = [];
  private readonly numbers = new Map<Node, number>();

  numberOf(node: Node): number {
    let n = this.numbers.get(node);
    if (n === undefined) {
      n = this.nodes.push(node) - 1;
      this.numbers.set(node, n);
    }
    return n;
  }
}

export class JsWriter {
  private readonly constants: unknown[] = [];
  private readonly constantIndex = new Map<unknown, number>();
  private readonly functions: string[] = [];
  private readonly sharedFunctions = new Map<string, string>();
  private nextName = 0;

  /** `nodes`: the template set's node table, shared so that `s.at` means the same in every template. */
  constructor(private readonly nodes: NodeTable) {}

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

  /** The number of `node` in the node table. */
  node(node: Node): number {
    return this.nodes.numberOf(node);
  }

  /** A fresh identifier (temporaries, labels, functions). */
  name(prefix: string): string {
    return `${prefix}${this.nextName++}`;
  }

  /** The function `make` adds, made once per `key` (generated code shared by every site that needs it). */
  shared(key: string, make: () => string): string {
    let fn = this.sharedFunctions.get(key);
    if (fn === undefined) {
      fn = make();
      this.sharedFunctions.set(key, fn);
    }
    return fn;
  }

  /** Adds a function of the generated module; returns its name. */
  function(prefix: string, params: string, body: readonly string[]): string {
    const name = this.name(prefix);
    this.functions.push(`function ${name}(${params}) {\n${body.join('\n')}\n}`);
    return name;
  }

  /** Builds the module: `helpers` become locals of the same names, and it returns the function named `entry`. */
  build<T>(entry: string, helpers: Readonly<Record<string, unknown>>): T {
    const names = Object.keys(helpers);
    const source = `'use strict';\nconst { ${names.join(', ')} } = H;\n${this.functions.join('\n')}\nreturn ${entry};`;
    const module = new Function('K', 'H', source) as (k: unknown[], h: Readonly<Record<string, unknown>>) => T;
    return module(this.constants, helpers);
  }
}
