/**
 * Executes parsed templates with Go's semantics: pipelines, variables (`$x := ...`, `$x = ...`),
 * field and method access on maps and structs, function calls with Go's argument checks,
 * `if`/`with`/`range` (slices, maps in key order, integers; `break`/`continue`), `template` and
 * `block`. Errors are `TemplateError`s worded and positioned like Go's:
 * `template: NAME:LINE:COL: executing "NAME" at <NODE>: message`.
 */
import { BUILTINS } from './builtins.js';
import { GoFuncError, TemplateError, locate } from './errors.js';
import { canBeNil, isAssignable, typeString, type ArgType, type FuncSpec } from './funcs.js';
import { goQuote } from './go-quote.js';
import {
  nodeString,
  type ActionNode,
  type ArgNode,
  type BranchNode,
  type ChainNode,
  type CommandNode,
  type FieldNode,
  type IdentifierNode,
  type Node,
  type NumberNode,
  type PipeNode,
  type TemplateNode,
  type VariableNode,
} from './nodes.js';
import type { Tree } from './parser.js';
import { formatV } from './printf.js';
import { hasOwn, isStringMap, isTrue, kindOf, sortedKeys, structMember, typeName, type GoMap } from './values.js';

export type MissingKey = 'default' | 'zero' | 'error';

export interface ExecEnv {
  lookup(name: string): Tree | undefined;
  func(name: string): FuncSpec | undefined;
  missingKey: MissingKey;
}

/** Nesting limit for `{{template}}` calls (Go uses 100000, 1000 on wasm). */
export const MAX_EXEC_DEPTH = 1000;

const MISSING: unique symbol = Symbol('missing');
type Final = unknown;

const BREAK = { signal: 'break' };
const CONTINUE = { signal: 'continue' };

interface Variable {
  name: string;
  value: unknown;
}

export function executeTree(env: ExecEnv, name: string, tree: Tree, data: unknown): string {
  const state = new State(env, name);
  state.vars = [{ name: '$', value: data }];
  try {
    state.walk(data, tree.root);
  } catch (e) {
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      state.errorf(`exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
    }
    throw e;
  }
  return state.out.join('');
}

function isHexInt(s: string): boolean {
  return s.length > 2 && s[0] === '0' && (s[1] === 'x' || s[1] === 'X') && !/[pP]/.test(s);
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

class State {
  out: string[] = [];
  vars: Variable[] = [];
  node: Node | undefined;
  depth = 0;
  /** Set while evaluating the function operand of `call`: a function field is the value, not a method call. */
  private funcOperand = false;

  constructor(
    private readonly env: ExecEnv,
    private tmplName: string,
  ) {}

  at(node: Node): void {
    this.node = node;
  }

  errorf(message: string): never {
    const node = this.node;
    if (node === undefined) {
      throw new TemplateError(
        { kind: 'exec', template: this.tmplName, line: 0, column: 0, executing: this.tmplName, detail: message },
        `template: ${this.tmplName}: ${message}`,
      );
    }
    const { line, column } = locate(node.src.text, node.pos);
    const context = nodeString(node);
    const location = `${node.src.parseName}:${line}:${column}`;
    throw new TemplateError(
      { kind: 'exec', template: node.src.parseName, line, column, executing: this.tmplName, context, detail: message },
      `template: ${location}: executing ${goQuote(this.tmplName)} at <${context}>: ${message}`,
    );
  }

  // --- variables ---

  private mark(): number {
    return this.vars.length;
  }

  private pop(mark: number): void {
    this.vars.length = mark;
  }

  private setVar(name: string, value: unknown): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i]!;
      if (v.name === name) {
        v.value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  private setTopVar(n: number, value: unknown): void {
    this.vars[this.vars.length - n]!.value = value;
  }

  private varValue(name: string): unknown {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i]!;
      if (v.name === name) return v.value;
    }
    this.errorf(`undefined variable: ${name}`);
  }

  // --- walking ---

  walk(dot: unknown, node: Node): void {
    this.at(node);
    switch (node.type) {
      case 'action': {
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, val);
        return;
      }
      case 'break':
        throw BREAK;
      case 'continue':
        throw CONTINUE;
      case 'comment':
        return;
      case 'if':
      case 'with':
        return this.walkIfOrWith(node, dot);
      case 'list':
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case 'range':
        return this.walkRange(dot, node);
      case 'template':
        return this.walkTemplate(dot, node);
      case 'text':
        this.out.push(node.text);
        return;
      default:
        this.errorf(`unknown node: ${nodeString(node)}`);
    }
  }

  private walkIfOrWith(node: BranchNode, dot: unknown): void {
    const mark = this.mark();
    try {
      const val = this.evalPipeline(dot, node.pipe);
      if (isTrue(val)) this.walk(node.type === 'with' ? val : dot, node.list);
      else if (node.elseList !== undefined) this.walk(dot, node.elseList);
    } finally {
      this.pop(mark);
    }
  }

  private walkRange(dot: unknown, r: BranchNode): void {
    this.at(r);
    const outer = this.mark();
    try {
      const val = this.evalPipeline(dot, r.pipe);
      const mark = this.mark();
      const decl = r.pipe.decl;
      const oneIteration = (index: unknown, elem: unknown): void => {
        if (decl.length > 0) {
          if (r.pipe.isAssign) this.setVar(decl[0]!.ident[0]!, decl.length > 1 ? index : elem);
          else this.setTopVar(1, elem);
        }
        if (decl.length > 1) {
          if (r.pipe.isAssign) this.setVar(decl[1]!.ident[0]!, elem);
          else this.setTopVar(2, index);
        }
        try {
          this.walk(elem, r.list);
        } catch (e) {
          if (e !== CONTINUE) throw e;
        } finally {
          this.pop(mark);
        }
      };
      try {
        if (this.iterate(val, decl.length, oneIteration)) return;
      } catch (e) {
        if (e === BREAK) return;
        throw e;
      }
      if (r.elseList !== undefined) this.walk(dot, r.elseList);
    } finally {
      this.pop(outer);
    }
  }

  /** Runs the iterations; false when there were none (the `else` branch runs). */
  private iterate(val: unknown, declCount: number, one: (index: unknown, elem: unknown) => void): boolean {
    switch (kindOf(val)) {
      case 'slice': {
        const items = val as unknown[];
        items.forEach((item, i) => one(BigInt(i), item));
        return items.length > 0;
      }
      case 'map': {
        const map = val as GoMap;
        const keys = sortedKeys(map);
        for (const key of keys) one(key, map[key]);
        return keys.length > 0;
      }
      case 'int': {
        if (declCount > 1) this.errorf(`can't use ${formatV(val)} to iterate over more than one variable`);
        const n = val as bigint;
        for (let i = 0n; i < n; i++) one(undefined, i);
        return n > 0n;
      }
      case 'invalid':
        return false;
      default:
        this.errorf(`range can't iterate over ${formatV(val)}`);
    }
  }

  private walkTemplate(dot: unknown, t: TemplateNode): void {
    this.at(t);
    const tree = this.env.lookup(t.name);
    if (tree === undefined) this.errorf(`template ${goQuote(t.name)} not defined`);
    if (this.depth >= MAX_EXEC_DEPTH) this.errorf(`exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
    const newDot = this.evalPipeline(dot, t.pipe);
    const saved = { vars: this.vars, name: this.tmplName };
    this.vars = [{ name: '$', value: newDot }];
    this.tmplName = t.name;
    this.depth++;
    try {
      this.walk(newDot, tree.root);
    } finally {
      this.depth--;
      this.vars = saved.vars;
      this.tmplName = saved.name;
    }
  }

  private printValue(node: ActionNode, v: unknown): void {
    this.at(node);
    if (v === undefined) {
      this.out.push('<no value>');
      return;
    }
    if (typeof v === 'function') this.errorf(`can't print ${nodeString(node)} of type ${typeName(v)}`);
    this.out.push(formatV(v));
  }

  // --- evaluation ---

  evalPipeline(dot: unknown, pipe: PipeNode | undefined): unknown {
    if (pipe === undefined) return undefined;
    this.at(pipe);
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value);
      // An interface{} holding nil is dug out to "no value".
      if (value === null) value = undefined;
    }
    for (const v of pipe.decl) {
      if (pipe.isAssign) this.setVar(v.ident[0]!, value);
      else this.vars.push({ name: v.ident[0]!, value });
    }
    return value;
  }

  private notAFunction(args: readonly ArgNode[], final: Final): void {
    if (args.length > 1 || final !== MISSING) this.errorf(`can't give argument to non-function ${nodeString(args[0]!)}`);
  }

  private evalCommand(dot: unknown, cmd: CommandNode, final: Final): unknown {
    const args = cmd.args;
    const first = args[0]!;
    switch (first.type) {
      case 'field':
        return this.evalFieldNode(dot, first, args, final);
      case 'chain':
        return this.evalChainNode(dot, first, args, final);
      case 'identifier':
        return this.evalFunction(dot, first, cmd, args, final);
      case 'pipe':
        this.notAFunction(args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariableNode(dot, first, args, final);
      default:
        break;
    }
    this.at(first);
    this.notAFunction(args, final);
    switch (first.type) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot;
      case 'nil':
        this.errorf('nil is not a command');
      // eslint-disable-next-line no-fallthrough
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return first.text;
    }
  }

  private idealConstant(n: NumberNode): unknown {
    this.at(n);
    if (n.isFloat && !isHexInt(n.text) && !n.text.startsWith("'") && /[.eEpP]/.test(n.text)) return n.float64;
    if (n.isInt) return n.int64;
    if (n.isUint) this.errorf(`${n.text} overflows int`);
    return undefined;
  }

  private evalFieldNode(dot: unknown, field: FieldNode, args: ArgNode[] | null, final: Final): unknown {
    this.at(field);
    return this.evalFieldChain(dot, dot, field, field.ident, args, final);
  }

  private evalChainNode(dot: unknown, chain: ChainNode, args: ArgNode[] | null, final: Final): unknown {
    this.at(chain);
    if (chain.field.length === 0) this.errorf('internal error: no fields in evalChainNode');
    if (chain.node.type === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const pipe = this.evalArg(dot, null, chain.node);
    return this.evalFieldChain(dot, pipe, chain, chain.field, args, final);
  }

  private evalVariableNode(dot: unknown, variable: VariableNode, args: ArgNode[] | null, final: Final): unknown {
    this.at(variable);
    const value = this.varValue(variable.ident[0]!);
    if (variable.ident.length === 1) {
      this.notAFunction(args ?? [variable], final);
      return value;
    }
    return this.evalFieldChain(dot, value, variable, variable.ident.slice(1), args, final);
  }

  private evalFieldChain(dot: unknown, receiver: unknown, node: Node, ident: string[], args: ArgNode[] | null, final: Final): unknown {
    const funcOperand = this.funcOperand;
    this.funcOperand = false;
    let r = receiver;
    for (let i = 0; i < ident.length - 1; i++) r = this.evalField(dot, ident[i]!, node, null, MISSING, r, false);
    return this.evalField(dot, ident[ident.length - 1]!, node, args, final, r, funcOperand);
  }

  private evalFunction(dot: unknown, node: IdentifierNode, cmd: Node, args: ArgNode[] | null, final: Final): unknown {
    this.at(node);
    const name = node.ident;
    const user = this.env.func(name);
    if (user !== undefined) return this.evalCall(dot, user, false, cmd, name, args, final);
    const builtin = BUILTINS[name];
    if (builtin !== undefined && Object.prototype.hasOwnProperty.call(BUILTINS, name)) {
      return this.evalCall(dot, builtin, true, cmd, name, args, final);
    }
    this.errorf(`${goQuote(name)} is not a defined function`);
  }

  private evalField(
    dot: unknown,
    fieldName: string,
    node: Node,
    args: ArgNode[] | null,
    final: Final,
    receiver: unknown,
    funcOperand: boolean,
  ): unknown {
    if (receiver === undefined) {
      if (this.env.missingKey === 'error') this.errorf(`nil data; no entry for key ${goQuote(fieldName)}`);
      return undefined;
    }
    if (receiver === null) this.errorf(`nil pointer evaluating interface {}.${fieldName}`);
    const hasArgs = (args !== null && args.length > 1) || final !== MISSING;
    const kind = kindOf(receiver);
    if (kind === 'struct') {
      const member = structMember(receiver as object, fieldName);
      if (member.found) {
        if (typeof member.value === 'function' && !funcOperand) {
          return this.evalMethod(dot, receiver, member.value as (...a: unknown[]) => unknown, node, fieldName, args, final);
        }
        if (hasArgs) this.errorf(`${fieldName} has arguments but cannot be invoked as function`);
        return member.value;
      }
    } else if (kind === 'map') {
      const map = receiver as GoMap;
      const present = hasOwn(map, fieldName);
      if (present && typeof map[fieldName] === 'function' && !funcOperand) {
        return this.evalMethod(dot, receiver, map[fieldName] as (...a: unknown[]) => unknown, node, fieldName, args, final);
      }
      if (hasArgs) this.errorf(`${fieldName} is not a method but has arguments`);
      if (present) return map[fieldName];
      switch (this.env.missingKey) {
        case 'error':
          this.errorf(`map has no entry for key ${goQuote(fieldName)}`);
        // eslint-disable-next-line no-fallthrough
        case 'zero':
          return isStringMap(map) ? '' : null;
        default:
          return undefined;
      }
    }
    this.errorf(`can't evaluate field ${fieldName} in type ${typeName(receiver)}`);
  }

  private evalMethod(
    dot: unknown,
    receiver: unknown,
    method: (...a: unknown[]) => unknown,
    node: Node,
    name: string,
    args: ArgNode[] | null,
    final: Final,
  ): unknown {
    const spec: FuncSpec = { params: [], variadic: 'any', fn: (...a: never[]) => method.apply(receiver, a) };
    return this.evalCall(dot, spec, false, node, name, args, final);
  }

  private evalCall(dot: unknown, spec: FuncSpec, isBuiltin: boolean, node: Node, name: string, args: ArgNode[] | null, final: Final): unknown {
    const argNodes = args === null ? [] : args.slice(1);
    const numIn = argNodes.length + (final !== MISSING ? 1 : 0);
    let numFixed = argNodes.length;
    if (spec.variadic !== undefined) {
      numFixed = spec.params.length;
      if (numIn < numFixed) this.errorf(`wrong number of args for ${name}: want at least ${numFixed} got ${argNodes.length}`);
    } else if (numIn !== spec.params.length) {
      this.errorf(`wrong number of args for ${name}: want ${spec.params.length} got ${numIn}`);
    }

    if (isBuiltin && (name === 'and' || name === 'or')) {
      let v: unknown;
      for (const a of argNodes) {
        v = this.evalArg(dot, 'value', a);
        if (isTrue(v) === (name === 'or')) return v;
      }
      if (final !== MISSING) v = this.validateType(final, 'value');
      return v;
    }

    const argv: unknown[] = [];
    let i = 0;
    for (; i < numFixed && i < argNodes.length; i++) {
      this.funcOperand = isBuiltin && name === 'call' && i === 0;
      argv.push(this.evalArg(dot, spec.params[i]!, argNodes[i]!));
      this.funcOperand = false;
    }
    if (spec.variadic !== undefined) for (; i < argNodes.length; i++) argv.push(this.evalArg(dot, spec.variadic, argNodes[i]!));
    if (final !== MISSING) {
      let t: ArgType;
      if (spec.variadic !== undefined) t = numIn - 1 < numFixed ? spec.params[numIn - 1]! : spec.variadic;
      else t = spec.params[spec.params.length - 1]!;
      argv.push(this.validateType(final, t));
    }

    let result: unknown;
    try {
      if (isBuiltin && name === 'call') result = this.call(nodeString(argNodes[0] ?? { type: 'nil', pos: 0, src: node.src }), argv);
      else result = (spec.fn as (...a: unknown[]) => unknown)(...argv);
    } catch (e) {
      this.at(node);
      this.errorf(`error calling ${name}: ${errorMessage(e)}`);
    }
    return result === undefined ? null : result;
  }

  /** The `call` builtin: the first argument is the function. */
  private call(calleeName: string, argv: unknown[]): unknown {
    const [fn, ...rest] = argv;
    if (fn === undefined || fn === null) throw new GoFuncError('call of nil');
    if (typeof fn !== 'function') throw new GoFuncError(`non-function ${calleeName} of type ${typeName(fn)}`);
    return (fn as (...a: unknown[]) => unknown)(...rest.map((a) => (a === undefined ? null : a)));
  }

  private validateType(value: unknown, typ: ArgType | null): unknown {
    if (typ === null) return value;
    if (value === undefined) {
      if (typ === 'value') return undefined;
      if (canBeNil(typ)) return null;
      this.errorf(`invalid value; expected ${typeString(typ)}`);
    }
    if (typ === 'any' || typ === 'value') return value;
    if (value === null) this.errorf(`wrong type for value; expected ${typeString(typ)}; got interface {}`);
    if (!isAssignable(value, typ)) this.errorf(`wrong type for value; expected ${typeString(typ)}; got ${typeName(value)}`);
    return value;
  }

  private evalArg(dot: unknown, typ: ArgType | null, n: ArgNode): unknown {
    this.at(n);
    switch (n.type) {
      case 'dot':
        return this.validateType(dot, typ);
      case 'nil':
        if (typ !== null && canBeNil(typ)) return typ === 'value' ? undefined : null;
        this.errorf(`cannot assign nil to ${typ === null ? '<nil>' : typeString(typ)}`);
      // eslint-disable-next-line no-fallthrough
      case 'field':
        return this.validateType(this.evalFieldNode(dot, n, [n], MISSING), typ);
      case 'variable':
        return this.validateType(this.evalVariableNode(dot, n, null, MISSING), typ);
      case 'pipe':
        return this.validateType(this.evalPipeline(dot, n), typ);
      case 'identifier':
        return this.validateType(this.evalFunction(dot, n, n, null, MISSING), typ);
      case 'chain':
        return this.validateType(this.evalChainNode(dot, n, null, MISSING), typ);
      default:
        break;
    }
    if (typ === null) this.errorf(`can't handle ${nodeString(n)} for arg of type <nil>`);
    if (typeof typ === 'object') this.errorf(`can't handle ${nodeString(n)} for arg of type ${typeString(typ)}`);
    switch (typ) {
      case 'bool':
        if (n.type === 'bool') return n.value;
        this.errorf(`expected bool; found ${nodeString(n)}`);
      // eslint-disable-next-line no-fallthrough
      case 'float64':
        if (n.type === 'number' && n.isFloat) return n.float64;
        this.errorf(`expected float; found ${nodeString(n)}`);
      // eslint-disable-next-line no-fallthrough
      case 'int':
        if (n.type === 'number' && n.isInt) return n.int64;
        this.errorf(`expected integer; found ${nodeString(n)}`);
      // eslint-disable-next-line no-fallthrough
      case 'string':
        if (n.type === 'string') return n.text;
        this.errorf(`expected string; found ${nodeString(n)}`);
      // eslint-disable-next-line no-fallthrough
      case 'any':
      case 'value':
        return this.evalEmptyInterface(n);
      default:
        this.errorf(`can't handle ${nodeString(n)} for arg of type ${typeString(typ)}`);
    }
  }

  private evalEmptyInterface(n: ArgNode): unknown {
    this.at(n);
    switch (n.type) {
      case 'bool':
        return n.value;
      case 'number':
        return this.idealConstant(n);
      case 'string':
        return n.text;
      default:
        this.errorf(`can't handle assignment of ${nodeString(n)} to empty interface argument`);
    }
  }
}
