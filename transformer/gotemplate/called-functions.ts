/**
 * The functions a template set calls: every identifier in its trees (in Go templates an
 * identifier is always a function, called with or without arguments). Lets a caller see, before
 * running anything, whether the templates can change the data they are given (sprig's `set`).
 */
import type { ArgNode, ListNode, Node, PipeNode } from './nodes.js';
import type { Tree } from './parser.js';

export function calledFunctions(trees: Iterable<Tree>): Set<string> {
  const names = new Set<string>();
  for (const tree of trees) visitList(tree.root, names);
  return names;
}

function visitList(list: ListNode | undefined, names: Set<string>): void {
  if (list !== undefined) for (const node of list.nodes) visit(node, names);
}

function visit(node: Node, names: Set<string>): void {
  switch (node.type) {
    case 'list':
      visitList(node, names);
      return;
    case 'action':
      visitPipe(node.pipe, names);
      return;
    case 'if':
    case 'range':
    case 'with':
      visitPipe(node.pipe, names);
      visitList(node.list, names);
      visitList(node.elseList, names);
      return;
    case 'template':
      if (node.pipe !== undefined) visitPipe(node.pipe, names);
      return;
    default:
      return;
  }
}

function visitPipe(pipe: PipeNode, names: Set<string>): void {
  for (const command of pipe.cmds) for (const arg of command.args) visitArg(arg, names);
}

function visitArg(arg: ArgNode, names: Set<string>): void {
  if (arg.type === 'identifier') names.add(arg.ident);
  else if (arg.type === 'pipe') visitPipe(arg, names);
  else if (arg.type === 'chain') visitArg(arg.node, names);
}
