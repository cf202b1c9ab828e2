/**
 * Statements compiled to ops: text, actions, `if`/`with`, `range`, `template`, `break`,
 * `continue` (their pipelines by `compile-expr.ts`).
 */
import { ExprCompiler, fail } from './compile-expr.js';
import type { FuncSpec } from './funcs.js';
import { nodeString, type ListNode, type Node } from './nodes.js';
import { Code, Flag, Op } from './ops.js';

/** Compiles a template body (its root list) with the functions `userFunc` finds. */
export function compileTree(root: ListNode, userFunc: (name: string) => FuncSpec | undefined): Op {
  return new StmtCompiler(new ExprCompiler(userFunc)).list(root);
}

class StmtCompiler {
  constructor(private readonly expr: ExprCompiler) {}

  list(list: ListNode): Op {
    return new Op(Code.List, list, null, null, null, null, list.nodes.map((n) => this.node(n)));
  }

  private node(node: Node): Op {
    switch (node.type) {
      case 'action':
        return new Op(Code.Action, node, null, null, this.expr.pipeline(node.pipe), null, null, node.pipe.decl.length === 0 ? Flag.Print : 0);
      case 'break':
        return new Op(Code.Break, node);
      case 'continue':
        return new Op(Code.Continue, node);
      case 'comment':
        return new Op(Code.Comment, node);
      case 'if':
      case 'with':
      case 'range': {
        const code = node.type === 'if' ? Code.If : node.type === 'with' ? Code.With : Code.Range;
        const names = node.pipe.decl.map((v) => v.ident[0]!);
        const elseList = node.elseList === undefined ? null : this.list(node.elseList);
        const flags = node.pipe.isAssign ? Flag.Assign : 0;
        return new Op(code, node, names, elseList, this.expr.pipeline(node.pipe), this.list(node.list), null, flags);
      }
      case 'list':
        return this.list(node);
      case 'template':
        return new Op(Code.Template, node, node.name, null, node.pipe === undefined ? null : this.expr.pipeline(node.pipe));
      case 'text':
        return new Op(Code.Text, node, node.text);
      default:
        return fail(node, `unknown node: ${nodeString(node)}`);
    }
  }
}
