/**
 * Statements compiled to JavaScript: text, actions (printed with `%v`, `<no value>` for a missing
 * value), `if`/`with`, `range` (slices, maps in key order, integers; `break`/`continue`) and
 * `template` calls, with Go's variable scoping: what a statement declares lives until the end of
 * the enclosing block. Each block body becomes a function `(s, dot)`, long ones several, so
 * every function stays small enough for V8 to optimize.
 */
import { ExprEmitter, type Code } from './codegen-expr.js';
import { JsWriter } from './codegen-writer.js';
import type { Stmt } from './exec-state.js';
import { HELPERS } from './exec-helpers.js';
import type { FuncSpec } from './funcs.js';
import { nodeString, type ActionNode, type BranchNode, type ListNode, type Node, type TemplateNode } from './nodes.js';

/** Lines of generated code after which a block body continues in a new function. */
const MAX_FUNCTION_LINES = 250;

/** Compiles a template body (its root list) with the functions `userFunc` finds. */
export function compileTree(root: ListNode, userFunc: (name: string) => FuncSpec | undefined): Stmt {
  const w = new JsWriter();
  const entry = new StmtEmitter(w, new ExprEmitter(w, userFunc)).list(root);
  return w.build<Stmt>(entry, HELPERS);
}

class StmtEmitter {
  constructor(
    private readonly w: JsWriter,
    private readonly expr: ExprEmitter,
  ) {}

  /** A function `(s, dot)` running `list`. */
  list(list: ListNode): string {
    const code: Code = [`s.node = ${this.w.constant(list)};`];
    let part: Code = [];
    const flush = (): void => {
      if (part.length > 0) code.push(`${this.w.function('part', 's, dot', part)}(s, dot);`);
      part = [];
    };
    for (const node of list.nodes) {
      this.node(part, node);
      if (part.length > MAX_FUNCTION_LINES) flush();
    }
    if (code.length === 1) code.push(...part);
    else flush();
    return this.w.function('list', 's, dot', code);
  }

  private node(code: Code, node: Node): void {
    const at = `s.node = ${this.w.constant(node)};`;
    switch (node.type) {
      case 'action':
        return this.action(code, node);
      case 'break':
        code.push(at, 'throw BREAK;');
        return;
      case 'continue':
        code.push(at, 'throw CONTINUE;');
        return;
      case 'comment':
        code.push(at);
        return;
      case 'if':
      case 'with':
        return this.ifOrWith(code, node);
      case 'list':
        code.push(`${this.list(node)}(s, dot);`);
        return;
      case 'range':
        return this.range(code, node);
      case 'template':
        return this.template(code, node);
      case 'text':
        code.push(at, `s.out += ${this.w.constant(node.text)};`);
        return;
      default:
        code.push(at, `s.errorf(${this.w.constant(`unknown node: ${nodeString(node)}`)});`);
    }
  }

  private action(code: Code, node: ActionNode): void {
    const at = `s.node = ${this.w.constant(node)};`;
    code.push(at);
    const value = this.expr.pipeline(code, node.pipe, 'dot');
    if (node.pipe.decl.length > 0) return;
    code.push(at, `s.out += typeof ${value} === 'string' ? ${value} : show(s, ${this.w.constant(node)}, ${value});`);
  }

  private ifOrWith(code: Code, node: BranchNode): void {
    const mark = this.w.name('mark');
    code.push(`s.node = ${this.w.constant(node)};`, `const ${mark} = s.mark();`);
    const value = this.expr.pipeline(code, node.pipe, 'dot');
    const list = this.list(node.list);
    const elseList = node.elseList === undefined ? undefined : this.list(node.elseList);
    code.push(`if (isTrue(${value})) ${list}(s, ${node.type === 'with' ? value : 'dot'});${elseList === undefined ? '' : ` else ${elseList}(s, dot);`}`);
    // An error or break/continue unwinds to a range or template call, which restores its own mark.
    code.push(`s.pop(${mark});`);
  }

  private range(code: Code, r: BranchNode): void {
    const [outer, mark, ran, kind] = [this.w.name('outer'), this.w.name('mark'), this.w.name('ran'), this.w.name('kind')];
    code.push(`s.node = ${this.w.constant(r)};`, `const ${outer} = s.mark();`);
    const v = this.expr.pipeline(code, r.pipe, 'dot');
    const declCount = r.pipe.decl.length;
    const iteration = this.iteration(r);
    const elseList = r.elseList === undefined ? undefined : this.list(r.elseList);
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
    if (elseList !== undefined) code.push(`if (!${ran}) ${elseList}(s, dot);`);
    code.push(`s.pop(${outer});`);
  }

  /** A function `(s, mark, index, elem)` for one iteration: variables set, body run, `continue` caught. */
  private iteration(r: BranchNode): string {
    const decl = r.pipe.decl.map((v) => this.w.constant(v.ident[0]!));
    const body: Code = [];
    if (decl.length > 0) body.push(r.pipe.isAssign ? `s.setVar(${decl[0]}, ${decl.length > 1 ? 'index' : 'elem'});` : 's.setTopVar(1, elem);');
    if (decl.length > 1) body.push(r.pipe.isAssign ? `s.setVar(${decl[1]}, elem);` : 's.setTopVar(2, index);');
    body.push(`try { ${this.list(r.list)}(s, elem); } catch (e) { if (e !== CONTINUE) throw e; }`, 's.pop(mark);');
    return this.w.function('iteration', 's, mark, index, elem', body);
  }

  private template(code: Code, t: TemplateNode): void {
    const body = this.w.name('body');
    const name = this.w.constant(t.name);
    code.push(`s.node = ${this.w.constant(t)};`, `const ${body} = templateBody(s, ${name});`);
    const dot = this.expr.pipeline(code, t.pipe, 'dot');
    code.push(`runTemplate(s, ${body}, ${name}, ${dot});`);
  }
}
