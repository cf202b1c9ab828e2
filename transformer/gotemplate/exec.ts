/**
 * Executes parsed templates with Go's semantics. Each tree is compiled to JavaScript the first
 * time it runs (`codegen-stmt.ts`, `codegen-expr.ts`), so an execution runs straight code: no
 * walking of the parse tree, no function lookups, no per-call decisions about argument types.
 * Errors are `TemplateError`s worded and positioned like Go's:
 * `template: NAME:LINE:COL: executing "NAME" at <NODE>: message`.
 */
import { compileTree } from './codegen-stmt.js';
import { NodeTable } from './codegen-writer.js';
import { ExecState, MAX_EXEC_DEPTH, type Body, type MissingKey, type Program } from './exec-state.js';
import type { FuncSpec } from './funcs.js';
import { LimitError, TEMPLATE_LIMITS, enterMeter, leaveMeter } from './limits.js';
import type { Node } from './nodes.js';
import type { Tree } from './parser.js';

export { MAX_EXEC_DEPTH, type MissingKey } from './exec-state.js';

/** A template set as execution sees it. Compiled code holds while its functions and options stay the same. */
interface TemplateSet {
  readonly trees: ReadonlyMap<string, Tree>;
  readonly funcs: ReadonlyMap<string, FuncSpec>;
  readonly missingKey: MissingKey;
}

export class CompiledSet implements Program {
  readonly missingKey: MissingKey;
  private readonly nodeTable = new NodeTable();
  private readonly bodies = new WeakMap<Tree, Body>();

  constructor(private readonly set: TemplateSet) {
    this.missingKey = set.missingKey;
  }

  get nodes(): readonly Node[] {
    return this.nodeTable.nodes;
  }

  template(name: string): Body | undefined {
    const tree = this.set.trees.get(name);
    return tree === undefined ? undefined : this.body(tree);
  }

  /** Runs `tree` (the template `name`) on `data`; `context` is for context functions. Throws `TemplateError`. */
  execute(name: string, tree: Tree, data: unknown, context?: unknown): string {
    const body = this.body(tree);
    const state = new ExecState(this, name, context);
    state.push('$', data);
    const saved = enterMeter(state);
    try {
      body(state, data);
    } catch (e) {
      // Printing an action's value (`%v` of a huge nested value) is not a function call.
      if (e instanceof LimitError) state.errorf(e.message, e.limit);
      if (e instanceof RangeError && /call stack/i.test(e.message)) state.limitf('depth', `exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
      throw e;
    } finally {
      leaveMeter(saved);
    }
    // Text after the last step.
    if (state.out.length > TEMPLATE_LIMITS.output) state.overLimit();
    return state.out;
  }

  private body(tree: Tree): Body {
    let body = this.bodies.get(tree);
    if (body === undefined) {
      body = compileTree(tree.root, (name) => this.set.funcs.get(name), this.nodeTable);
      this.bodies.set(tree, body);
    }
    return body;
  }
}
