/**
 * The `text/template` parser: builds one tree per template (the top-level text plus every
 * `{{define}}` and `{{block}}`), with Go's grammar, checks and error messages.
 */
import { TemplateError, locate } from './errors.js';
import { LiteralError, parseGoFloat, parseGoInteger, unquoteCharConstant, unquoteString } from './go-literals.js';
import { goQuote } from './go-quote.js';
import { Lexer, isKeyword, type Item, type ItemType } from './lexer.js';
import {
  isEmptyTree,
  nodeString,
  type ArgNode,
  type BranchNode,
  type ChainNode,
  type CommandNode,
  type ElseNode,
  type EndNode,
  type ListNode,
  type Node,
  type NumberNode,
  type PipeNode,
  type Source,
  type TemplateNode,
  type VariableNode,
} from './nodes.js';

export interface Tree {
  readonly name: string;
  readonly parseName: string;
  readonly root: ListNode;
  readonly src: Source;
}

interface ParseOptions {
  leftDelim?: string;
  rightDelim?: string;
  /** Whether a function name is defined (Go checks functions at parse time). */
  hasFunction: (name: string) => boolean;
  /** Go's `parse.SkipFuncCheck`. */
  skipFuncCheck?: boolean;
  /** Go's `parse.ParseComments`: keep comments as nodes. */
  parseComments?: boolean;
}

const MAX_STACK_DEPTH = 10000;

/** Go `%.10q...` / `%q` / `<keyword>` / `EOF` rendering of a token in messages. */
function itemString(item: Item): string {
  if (item.type === 'eof') return 'EOF';
  if (item.type === 'error') return item.val;
  if (isKeyword(item.type)) return `<${item.val}>`;
  const chars = [...item.val];
  if (chars.length > 10) return `${goQuote(chars.slice(0, 10).join(''))}...`;
  return goQuote(item.val);
}

/**
 * Parses `text` as the template `name`, returning the trees it defines (the top-level one under
 * `name` unless it is empty and another definition exists). Throws `TemplateError`.
 */
export function parseTemplateText(name: string, text: string, options: ParseOptions): Map<string, Tree> {
  const src: Source = { parseName: name, text };
  const lexer = new Lexer(text, {
    leftDelim: options.leftDelim || '{{',
    rightDelim: options.rightDelim || '}}',
    emitComment: options.parseComments === true,
    breakOK: !options.hasFunction('break'),
    continueOK: !options.hasFunction('continue'),
  });
  const treeSet = new Map<string, Tree>();
  const parser = new Parser(name, src, lexer, treeSet, options);
  parser.parse();
  return treeSet;
}

class Parser {
  private readonly token: Item[] = [];
  private peekCount = 0;
  private vars: string[] = ['$'];
  private actionLine = 0;
  private rangeDepth = 0;
  private stackDepth = 0;
  private root: ListNode | undefined;

  constructor(
    private name: string,
    private readonly src: Source,
    private readonly lex: Lexer,
    private readonly treeSet: Map<string, Tree>,
    private readonly options: ParseOptions,
  ) {}

  // --- token stream ---

  private next(): Item {
    if (this.peekCount > 0) this.peekCount--;
    else this.token[0] = this.lex.nextItem();
    return this.token[this.peekCount]!;
  }

  private backup(): void {
    this.peekCount++;
  }

  private backup2(t1: Item): void {
    this.token[1] = t1;
    this.peekCount = 2;
  }

  private backup3(t2: Item, t1: Item): void {
    this.token[1] = t1;
    this.token[2] = t2;
    this.peekCount = 3;
  }

  private peek(): Item {
    if (this.peekCount > 0) return this.token[this.peekCount - 1]!;
    this.peekCount = 1;
    this.token[0] = this.lex.nextItem();
    return this.token[0];
  }

  private nextNonSpace(): Item {
    for (;;) {
      const token = this.next();
      if (token.type !== 'space') return token;
    }
  }

  private peekNonSpace(): Item {
    const token = this.nextNonSpace();
    this.backup();
    return token;
  }

  // --- errors ---

  errorf(message: string): never {
    const current = this.token[0];
    const line = current?.line ?? 1;
    const column = current !== undefined ? locate(this.src.text, current.pos).column : 0;
    throw new TemplateError(
      { kind: 'parse', template: this.src.parseName, line, column, detail: message },
      `template: ${this.src.parseName}:${line}: ${message}`,
    );
  }

  private expect(expected: ItemType, context: string): Item {
    const token = this.nextNonSpace();
    if (token.type !== expected) this.unexpected(token, context);
    return token;
  }

  private expectOneOf(a: ItemType, b: ItemType, context: string): Item {
    const token = this.nextNonSpace();
    if (token.type !== a && token.type !== b) this.unexpected(token, context);
    return token;
  }

  private unexpected(token: Item, context: string): never {
    if (token.type === 'error') {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== token.line) {
        extra = ` in action started at ${this.src.parseName}:${this.actionLine}`;
        if (token.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(`${itemString(token)}${extra}`);
    }
    this.errorf(`unexpected ${itemString(token)} in ${context}`);
  }

  private unquote(token: Item): string {
    try {
      return unquoteString(token.val);
    } catch (e) {
      if (e instanceof LiteralError) this.errorf(e.message);
      throw e;
    }
  }

  // --- trees ---

  parse(): void {
    this.root = this.newList(this.peek().pos);
    while (this.peek().type !== 'eof') {
      if (this.peek().type === 'leftDelim') {
        const delim = this.next();
        if (this.nextNonSpace().type === 'define') {
          const sub = new Parser('definition', this.src, this.lex, this.treeSet, this.options);
          sub.parseDefinition();
          continue;
        }
        this.backup2(delim);
      }
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') this.errorf(`unexpected ${nodeString(n)}`);
      this.root.nodes.push(n);
    }
    this.add();
  }

  private add(): void {
    const root = this.root!;
    const existing = this.treeSet.get(this.name);
    if (existing === undefined || isEmptyTree(existing.root)) {
      this.treeSet.set(this.name, { name: this.name, parseName: this.src.parseName, root, src: this.src });
      return;
    }
    if (!isEmptyTree(root)) this.errorf(`template: multiple definition of template ${goQuote(this.name)}`);
  }

  private parseDefinition(): void {
    const context = 'define clause';
    const nameToken = this.expectOneOf('string', 'rawString', context);
    this.name = this.unquote(nameToken);
    this.expect('rightDelim', context);
    const { list, next } = this.itemList();
    if (next.type !== 'end') this.errorf(`unexpected ${nodeString(next)} in ${context}`);
    this.root = list;
    this.add();
  }

  private itemList(): { list: ListNode; next: EndNode | ElseNode } {
    const list = this.newList(this.peekNonSpace().pos);
    while (this.peekNonSpace().type !== 'eof') {
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') return { list, next: n };
      list.nodes.push(n);
    }
    this.errorf('unexpected EOF');
  }

  private textOrAction(): Node {
    const token = this.nextNonSpace();
    switch (token.type) {
      case 'text':
        return { type: 'text', pos: token.pos, src: this.src, text: token.val };
      case 'leftDelim':
        this.actionLine = token.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      case 'comment':
        return { type: 'comment', pos: token.pos, src: this.src, text: token.val };
      default:
        this.unexpected(token, 'input');
    }
  }

  private action(): Node {
    const token = this.nextNonSpace();
    switch (token.type) {
      case 'block':
        return this.blockControl();
      case 'break':
        return this.breakControl(token);
      case 'continue':
        return this.continueControl(token);
      case 'else':
        return this.elseControl();
      case 'end':
        return this.endControl();
      case 'if':
        return this.branchControl('if');
      case 'range':
        return this.branchControl('range');
      case 'template':
        return this.templateControl();
      case 'with':
        return this.branchControl('with');
    }
    this.backup();
    const first = this.peek();
    return { type: 'action', pos: first.pos, src: this.src, line: first.line, pipe: this.pipeline('command', 'rightDelim') };
  }

  private breakControl(keyword: Item): Node {
    const token = this.nextNonSpace();
    if (token.type !== 'rightDelim') this.unexpected(token, '{{break}}');
    if (this.rangeDepth === 0) this.errorf('{{break}} outside {{range}}');
    return { type: 'break', pos: keyword.pos, src: this.src, line: keyword.line };
  }

  private continueControl(keyword: Item): Node {
    const token = this.nextNonSpace();
    if (token.type !== 'rightDelim') this.unexpected(token, '{{continue}}');
    if (this.rangeDepth === 0) this.errorf('{{continue}} outside {{range}}');
    return { type: 'continue', pos: keyword.pos, src: this.src, line: keyword.line };
  }

  private pipeline(context: string, end: ItemType): PipeNode {
    const start = this.peekNonSpace();
    const pipe: PipeNode = { type: 'pipe', pos: start.pos, src: this.src, line: start.line, isAssign: false, decl: [], cmds: [] };
    decls: for (;;) {
      const v = this.peekNonSpace();
      if (v.type !== 'variable') break;
      this.next();
      const tokenAfterVariable = this.peek();
      const next = this.peekNonSpace();
      if (next.type === 'assign' || next.type === 'declare') {
        pipe.isAssign = next.type === 'assign';
        this.nextNonSpace();
        pipe.decl.push(this.newVariable(v.pos, v.val));
        this.vars.push(v.val);
      } else if (next.type === 'char' && next.val === ',') {
        this.nextNonSpace();
        pipe.decl.push(this.newVariable(v.pos, v.val));
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const after = this.peekNonSpace().type;
          if (after === 'variable' || after === 'rightDelim' || after === 'rightParen') continue decls;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      } else if (tokenAfterVariable.type === 'space') {
        this.backup3(v, tokenAfterVariable);
      } else {
        this.backup2(v);
      }
      break;
    }
    for (;;) {
      const token = this.nextNonSpace();
      switch (token.type) {
        case end:
          this.checkPipeline(pipe, context);
          return pipe;
        case 'bool':
        case 'charConstant':
        case 'complex':
        case 'dot':
        case 'field':
        case 'identifier':
        case 'number':
        case 'nil':
        case 'rawString':
        case 'string':
        case 'variable':
        case 'leftParen':
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(token, context);
      }
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((c, i) => {
      const t = c.args[0]?.type;
      if (t === 'bool' || t === 'dot' || t === 'nil' || t === 'number' || t === 'string') {
        this.errorf(`non executable command in pipeline stage ${i + 2}`);
      }
    });
  }

  private branchControl(context: 'if' | 'range' | 'with'): BranchNode {
    const mark = this.vars.length;
    try {
      const pipe = this.pipeline(context, 'rightDelim');
      if (context === 'range') this.rangeDepth++;
      let { list, next } = this.itemList();
      if (context === 'range') this.rangeDepth--;
      let elseList: ListNode | undefined;
      if (next.type === 'else') {
        if ((context === 'if' && this.peek().type === 'if') || (context === 'with' && this.peek().type === 'with')) {
          this.next();
          elseList = this.newList(next.pos);
          elseList.nodes.push(this.branchControl(context));
        } else {
          ({ list: elseList, next } = this.itemList());
          if (next.type !== 'end') this.errorf(`expected end; found ${nodeString(next)}`);
        }
      }
      return { type: context, pos: pipe.pos, src: this.src, line: pipe.line, pipe, list, elseList };
    } finally {
      this.vars = this.vars.slice(0, mark);
    }
  }

  private endControl(): EndNode {
    return { type: 'end', pos: this.expect('rightDelim', 'end').pos, src: this.src };
  }

  private elseControl(): ElseNode {
    const peek = this.peekNonSpace();
    if (peek.type === 'if' || peek.type === 'with') return { type: 'else', pos: peek.pos, src: this.src, line: peek.line };
    const token = this.expect('rightDelim', 'else');
    return { type: 'else', pos: token.pos, src: this.src, line: token.line };
  }

  private blockControl(): TemplateNode {
    const context = 'block clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    const pipe = this.pipeline(context, 'rightDelim');
    const block = new Parser(name, this.src, this.lex, this.treeSet, this.options);
    const { list, next } = block.itemList();
    if (next.type !== 'end') this.errorf(`unexpected ${nodeString(next)} in ${context}`);
    block.root = list;
    block.add();
    return { type: 'template', pos: token.pos, src: this.src, line: token.line, name, pipe };
  }

  private templateControl(): TemplateNode {
    const context = 'template clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    let pipe: PipeNode | undefined;
    if (this.nextNonSpace().type !== 'rightDelim') {
      this.backup();
      pipe = this.pipeline(context, 'rightDelim');
    }
    return { type: 'template', pos: token.pos, src: this.src, line: token.line, name, pipe };
  }

  private parseTemplateName(token: Item, context: string): string {
    if (token.type === 'string' || token.type === 'rawString') return this.unquote(token);
    this.unexpected(token, context);
  }

  private command(): CommandNode {
    const cmd: CommandNode = { type: 'command', pos: this.peekNonSpace().pos, src: this.src, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand !== undefined) cmd.args.push(operand);
      const token = this.next();
      if (token.type === 'space') continue;
      if (token.type === 'rightDelim' || token.type === 'rightParen') this.backup();
      else if (token.type !== 'pipe') this.unexpected(token, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  private operand(): ArgNode | undefined {
    const node = this.term();
    if (node === undefined) return undefined;
    if (this.peek().type !== 'field') return node;
    const chain: ChainNode = { type: 'chain', pos: this.peek().pos, src: this.src, node, field: [] };
    while (this.peek().type === 'field') chain.field.push(this.next().val.slice(1));
    switch (node.type) {
      case 'field':
        return { type: 'field', pos: chain.pos, src: this.src, ident: nodeString(chain).slice(1).split('.') };
      case 'variable':
        return this.newVariable(chain.pos, nodeString(chain));
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        this.errorf(`unexpected . after term ${goQuote(nodeString(node))}`);
      // eslint-disable-next-line no-fallthrough
      default:
        return chain;
    }
  }

  private term(): ArgNode | undefined {
    const token = this.nextNonSpace();
    switch (token.type) {
      case 'identifier':
        if (this.options.skipFuncCheck !== true && !this.options.hasFunction(token.val)) {
          this.errorf(`function ${goQuote(token.val)} not defined`);
        }
        return { type: 'identifier', pos: token.pos, src: this.src, ident: token.val };
      case 'dot':
        return { type: 'dot', pos: token.pos, src: this.src };
      case 'nil':
        return { type: 'nil', pos: token.pos, src: this.src };
      case 'variable':
        return this.useVar(token.pos, token.val);
      case 'field':
        return { type: 'field', pos: token.pos, src: this.src, ident: token.val.slice(1).split('.') };
      case 'bool':
        return { type: 'bool', pos: token.pos, src: this.src, value: token.val === 'true' };
      case 'charConstant':
      case 'complex':
      case 'number':
        return this.newNumber(token);
      case 'leftParen': {
        if (this.stackDepth >= MAX_STACK_DEPTH) this.errorf('max expression depth exceeded');
        this.stackDepth++;
        try {
          return this.pipeline('parenthesized pipeline', 'rightParen');
        } finally {
          this.stackDepth--;
        }
      }
      case 'string':
      case 'rawString':
        return { type: 'string', pos: token.pos, src: this.src, quoted: token.val, text: this.unquote(token) };
    }
    this.backup();
    return undefined;
  }

  private useVar(pos: number, name: string): VariableNode {
    const v = this.newVariable(pos, name);
    if (!this.vars.includes(v.ident[0]!)) this.errorf(`undefined variable ${goQuote(v.ident[0]!)}`);
    return v;
  }

  private newVariable(pos: number, ident: string): VariableNode {
    return { type: 'variable', pos, src: this.src, ident: ident.split('.') };
  }

  private newList(pos: number): ListNode {
    return { type: 'list', pos, src: this.src, nodes: [] };
  }

  private newNumber(token: Item): NumberNode {
    const text = token.val;
    const base = { type: 'number' as const, pos: token.pos, src: this.src, text };
    if (token.type === 'charConstant') {
      let rune: number;
      try {
        rune = unquoteCharConstant(text);
      } catch (e) {
        if (e instanceof LiteralError) this.errorf(e.message);
        throw e;
      }
      const r = BigInt(rune);
      return { ...base, isInt: true, isUint: true, isFloat: true, int64: r, uint64: r, float64: rune };
    }
    if (token.type === 'complex' || text.endsWith('i')) this.errorf(`complex number constants are not supported: ${goQuote(text)}`);
    const u = parseGoInteger(text, false);
    const i = parseGoInteger(text, true);
    let isInt = i !== undefined;
    let isUint = u !== undefined;
    let int64 = i ?? 0n;
    let uint64 = u ?? 0n;
    let isFloat = false;
    let float64 = 0;
    if (i === 0n) {
      isUint = true;
      uint64 = u ?? 0n;
    }
    if (isInt) {
      isFloat = true;
      float64 = Number(int64);
    } else if (isUint) {
      isFloat = true;
      float64 = Number(uint64);
    } else {
      const f = parseGoFloat(text);
      if (f !== undefined) {
        if (!/[.eEpP]/.test(text)) this.errorf(`integer overflow: ${goQuote(text)}`);
        isFloat = true;
        float64 = f;
        if (Number.isInteger(f) && f >= -(2 ** 63) && f < 2 ** 63) {
          isInt = true;
          int64 = BigInt(f);
        }
        if (Number.isInteger(f) && f >= 0 && f < 2 ** 64) {
          isUint = true;
          uint64 = BigInt(f);
        }
      }
    }
    if (!isInt && !isUint && !isFloat) this.errorf(`illegal number syntax: ${goQuote(text)}`);
    return { ...base, isInt, isUint, isFloat, int64, uint64, float64 };
  }
}
