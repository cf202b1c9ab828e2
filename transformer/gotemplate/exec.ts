/**
 * Executes parsed templates with Go's semantics. Each tree is compiled once, the first time it
 * runs, into ops (`compile-stmt.ts`, `compile-expr.ts`, `ops.ts`) that a small interpreter runs
 * (`run-stmt.ts`, `run-expr.ts`): no function lookups or argument-type decisions per execution.
 * Errors are `TemplateError`s worded and positioned like Go's:
 * `template: NAME:LINE:COL: executing "NAME" at <NODE>: message`.
 */
import { compileTree } from './compile-stmt.js';
import { ExecState, MAX_EXEC_DEPTH, type MissingKey, type Program } from './exec-state.js';
import type { FuncSpec } from './funcs.js';
import type { Op } from './ops.js';
import type { Tree } from './parser.js';
import { runList } from './run-stmt.js';

export { MAX_EXEC_DEPTH, type MissingKey } from './exec-state.js';

/** A template set as execution sees it. Compiled code is only valid while its functions and options stay the same. */
export interface TemplateSet {
  readonly trees: ReadonlyMap<string, Tree>;
  readonly funcs: ReadonlyMap<string, FuncSpec>;
  readonly missingKey: MissingKey;
}

export class CompiledSet implements Program {
  readonly missingKey: MissingKey;
  private readonly bodies = new WeakMap<Tree, Op>();

  constructor(private readonly set: TemplateSet) {
    this.missingKey = set.missingKey;
  }

  template(name: string): Op | undefined {
    const tree = this.set.trees.get(name);
    return tree === undefined ? undefined : this.body(tree);
  }

  /** Runs `tree` (the template `name`) on `data`. Throws `TemplateError`. */
  execute(name: string, tree: Tree, data: unknown): string {
    const body = this.body(tree);
    const state = new ExecState(this, name);
    state.push('$', data);
    try {
      runList(state, body, data);
    } catch (e) {
      if (e instanceof RangeError && /call stack/i.test(e.message)) {
        state.errorf(`exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
      }
      throw e;
    }
    return state.out;
  }

  private body(tree: Tree): Op {
    let body = this.bodies.get(tree);
    if (body === undefined) {
      body = compileTree(tree.root, (name) => this.set.funcs.get(name));
      this.bodies.set(tree, body);
    }
    return body;
  }
}
