/**
 * Statements compiled to JavaScript: text, actions (printed with `%v`, `<no value>` for a missing
 * value), `if`/`with`, `range` (slices, maps in key order, integers; `break`/`continue`) and
 * `template` calls, with Go's variable scoping: what a statement declares lives until the end of
 * the enclosing block. Short block bodies are written in place; others become functions
 * `(s, dot)`, long ones several, so every function stays small enough for V8 to optimize.
 */
import { ExprEmitter, type Code } from './codegen-expr.js';
import { JsWriter, type NodeTable } from './codegen-writer.js';
import type { Body } from './exec-state.js';
import { HELPERS } from './exec-helpers.js';
import type { FuncSpec } from './funcs.js';
import { MAX_CHARS, TEMPLATE_LIMITS } from './limits.js';
import { nodeString, type ActionNode, type BranchNode, type ListNode, type Node, type PipeNode, type TemplateNode } from './nodes.js';

/** Lines of generated code after which a function's statements continue in a new function. */
const MAX_FUNCTION_LINES = 250;
/** Block bodies up to this size (`weight`) are written in place rather than as functions of their own. */
const MAX_INLINE_WEIGHT = 40;

/**
 * Counts a step and checks the steps, the characters functions took and made, and the output size
 * (`limits.ts`): at every action, `if`/`with`/`range` and range iteration (template calls count in
 * `templateBody`). Between two steps they grow only by what one action does, so they stay bounded.
 */
const STEP = `if (++s.steps > ${TEMPLATE_LIMITS.steps} || s.chars > ${MAX_CHARS} || s.out.length > ${TEMPLATE_LIMITS.output}) s.overLimit();`;

/** A rough size of the code a list compiles to: statements and the operands of their pipelines. */
function weight(list: ListNode): number {
  let w = 0;
  for (const node of list.nodes) {
    switch (node.type) {
      case 'action':
        w += pipeWeight(node.pipe);
        break;
      case 'if':
      case 'with':
      case 'range':
        w += 2 + pipeWeight(node.pipe) + weight(node.list) + (node.elseList === undefined ? 0 : weight(node.elseList));
        break;
      case 'list':
        w += weight(node);
        break;
      default:
        w += 1;
    }
  }
  return w;
}

function pipeWeight(pipe: PipeNode): number {
  let w = 1;
  for (const cmd of pipe.cmds) for (const arg of cmd.args) w += arg.type === 'pipe' ? pipeWeight(arg) : 1;
  return w;
}

/** Compiles a template body (its root list) with the functions `userFunc` finds; its nodes join `nodes`. */
export function compileTree(root: ListNode, userFunc: (name: string) => FuncSpec | undefined, nodes: NodeTable): Body {
  const w = new JsWriter(nodes);
  const entry = new StmtEmitter(w, new ExprEmitter(w, userFunc)).list(root);
  return w.build<Body>(entry, HELPERS);
}

class StmtEmitter {
  constructor(
    private readonly w: JsWriter,
    private readonly expr: ExprEmitter,
  ) {}

  /** A function `(s, dot)` running `list` (a long one in parts). */
  list(list: ListNode): string {
    const code: Code = [];
    this.expr.at(code, list);
    let part: Code = [];
    const flush = (): void => {
      if (part.length > 0) code.push(`${this.w.function('part', 's, dot', part)}(s, dot);`);
      part = [];
    };
    for (const node of list.nodes) {
      this.node(part, node, 'dot');
      if (part.length > MAX_FUNCTION_LINES) flush();
    }
    if (code.length === 1) code.push(...part);
    else flush();
    return this.w.function('list', 's, dot', code);
  }

  /** Runs `list` for `dot`: written in place when short, else by calling a function of its own. */
  private block(code: Code, list: ListNode, dot: string): void {
    if (weight(list) > MAX_INLINE_WEIGHT) {
      code.push(`${this.list(list)}(s, ${dot});`);
      return;
    }
    this.expr.at(code, list);
    for (const node of list.nodes) this.node(code, node, dot);
  }

  private node(code: Code, node: Node, dot: string): void {
    switch (node.type) {
      case 'action':
        return this.action(code, node, dot);
      case 'break':
        this.expr.at(code, node);
        code.push('throw BREAK;');
        return;
      case 'continue':
        this.expr.at(code, node);
        code.push('throw CONTINUE;');
        return;
      case 'comment':
        this.expr.at(code, node);
        return;
      case 'if':
      case 'with':
        return this.ifOrWith(code, node, dot);
      case 'list':
        code.push('{');
        this.block(code, node, dot);
        code.push('}');
        return;
      case 'range':
        return this.range(code, node, dot);
      case 'template':
        return this.template(code, node, dot);
      case 'text':
        this.expr.at(code, node);
        code.push(`s.out += ${this.w.constant(node.text)};`);
        return;
      default:
        this.expr.at(code, node);
        code.push(`s.errorf(${this.w.constant(`unknown node: ${nodeString(node)}`)});`);
    }
  }

  private action(code: Code, node: ActionNode, dot: string): void {
    this.expr.at(code, node);
    code.push(STEP);
    const value = this.expr.pipeline(code, node.pipe, dot);
    if (node.pipe.decl.length > 0) return;
    this.expr.at(code, node);
    code.push(`s.out += typeof ${value} === 'string' ? ${value} : show(s, ${this.w.node(node)}, ${value});`);
  }

  private ifOrWith(code: Code, node: BranchNode, dot: string): void {
    const mark = this.w.name('mark');
    this.expr.at(code, node);
    code.push(STEP, `const ${mark} = s.mark();`);
    const value = this.expr.pipeline(code, node.pipe, dot);
    code.push(`if (isTrue(${value})) {`);
    this.block(code, node.list, node.type === 'with' ? value : dot);
    if (node.elseList !== undefined) {
      code.push('} else {');
      this.block(code, node.elseList, dot);
    }
    code.push('}');
    // An error or break/continue unwinds to a range or template call, which restores its own mark.
    code.push(`s.pop(${mark});`);
  }

  private range(code: Code, r: BranchNode, dot: string): void {
    const [outer, mark, ran, kind] = [this.w.name('outer'), this.w.name('mark'), this.w.name('ran'), this.w.name('kind')];
    this.expr.at(code, r);
    code.push(STEP, `const ${outer} = s.mark();`);
    const v = this.expr.pipeline(code, r.pipe, dot);
    const declCount = r.pipe.decl.length;
    const iteration = this.iteration(r);
    code.push(
      `const ${mark} = s.mark();`,
      `let ${ran} = false;`,
      'try {',
      `const ${kind} = rangeKind(s, ${v}, ${declCount});`,
      `if (${kind} === 'slice') {`,
      `const n = ${v}.length;`,
      `for (let i = 0; i < n; i++) if (i in ${v}) ${iteration}(s, ${mark}, ${declCount > 1 ? 'BigInt(i)' : 'undefined'}, ${v}[i]);`,
      `${ran} = ${v}.length > 0;`,
      `} else if (${kind} === 'map') {`,
      `const keys = sortedKeys(${v});`,
      `for (const key of keys) ${iteration}(s, ${mark}, key, ${v}[key]);`,
      `${ran} = keys.length > 0;`,
      `} else if (${kind} === 'int') {`,
      `for (let i = 0n; i < ${v}; i++) ${iteration}(s, ${mark}, undefined, i);`,
      `${ran} = ${v} > 0n;`,
      '}',
      `} catch (e) { if (e !== BREAK) throw e; ${ran} = true; }`,
    );
    if (r.elseList !== undefined) {
      code.push(`if (!${ran}) {`);
      this.block(code, r.elseList, dot);
      code.push('}');
    }
    code.push(`s.pop(${outer});`);
  }

  /** A function `(s, mark, index, elem)` for one iteration: variables set, body run, `continue` caught. */
  private iteration(r: BranchNode): string {
    const decl = r.pipe.decl.map((v) => this.w.constant(v.ident[0]!));
    const body: Code = [];
    this.expr.at(body, r);
    body.push(STEP);
    if (decl.length > 0) body.push(r.pipe.isAssign ? `s.setVar(${decl[0]}, ${decl.length > 1 ? 'index' : 'elem'});` : 's.setTopVar(1, elem);');
    if (decl.length > 1) body.push(r.pipe.isAssign ? `s.setVar(${decl[1]}, elem);` : 's.setTopVar(2, index);');
    body.push('try {');
    this.block(body, r.list, 'elem');
    body.push('} catch (e) { if (e !== CONTINUE) throw e; }', 's.pop(mark);');
    return this.w.function('iteration', 's, mark, index, elem', body);
  }

  private template(code: Code, t: TemplateNode, dot: string): void {
    const body = this.w.name('body');
    const name = this.w.constant(t.name);
    this.expr.at(code, t);
    code.push(`const ${body} = templateBody(s, ${name});`);
    const newDot = this.expr.pipeline(code, t.pipe, dot);
    code.push(`runTemplate(s, ${body}, ${name}, ${newDot});`);
  }
}
