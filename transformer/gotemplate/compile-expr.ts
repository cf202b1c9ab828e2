/**
 * Pipelines, commands and arguments compiled to ops (Go's `evalPipeline`, `evalCommand`,
 * `evalArg`, `evalCall` decided ahead): which function a name calls, argument counts, constant
 * arguments and how each argument is checked. What Go reports as an error becomes a `Fail` op,
 * reported when (and only if) it runs. Ops set the node being evaluated where Go's executor calls
 * `s.at(node)`, so errors name the same node.
 */
import { BUILTINS } from './builtins.js';
import { callBuiltin } from './field-access.js';
import { canBeNil, typeString, type ArgType, type FuncSpec } from './funcs.js';
import { goQuote } from './go-quote.js';
import { nodeString, type ArgNode, type ChainNode, type CommandNode, type IdentifierNode, type Node, type NumberNode, type PipeNode, type VariableNode } from './nodes.js';
import { Check, Code, Flag, Op, type CallSite } from './ops.js';

export class ExprCompiler {
  /** > 0 while compiling the first argument of `call`, where a function field is not called. */
  private callOperand = 0;

  constructor(private readonly userFunc: (name: string) => FuncSpec | undefined) {}

  pipeline(pipe: PipeNode): Op {
    const cmds = pipe.cmds.map((cmd, i) => this.command(cmd, i > 0));
    const names = pipe.decl.map((v) => v.ident[0]!);
    return new Op(Code.Pipeline, pipe, names, null, null, null, cmds, pipe.isAssign ? Flag.Assign : 0);
  }

  /** A command; `hasFinal` when it gets the previous command's value. */
  private command(cmd: CommandNode, hasFinal: boolean): Op {
    const args = cmd.args;
    const first = args[0]!;
    const withArgs = args.length > 1 || hasFinal;
    switch (first.type) {
      case 'field':
        return this.fields(first, first.ident, first, null, this.methodArgs(args));
      case 'chain':
        return this.chain(first, this.methodArgs(args));
      case 'identifier':
        return this.function(first, cmd, args.slice(1), hasFinal);
      case 'pipe':
        if (withArgs) return fail(null, `can't give argument to non-function ${nodeString(first)}`);
        return this.pipeline(first);
      case 'variable':
        return this.variable(first, withArgs, this.methodArgs(args));
      default:
        break;
    }
    if (withArgs) return fail(first, `can't give argument to non-function ${nodeString(first)}`);
    switch (first.type) {
      case 'bool':
        return constant(first, first.value);
      case 'dot':
        return new Op(Code.Dot, first);
      case 'nil':
        return fail(first, 'nil is not a command');
      case 'number':
        return idealConstant(first);
      case 'string':
        return constant(first, first.text);
    }
  }

  /** A command's arguments after a field, in case the field is a method (`interface{}` each). */
  private methodArgs(args: readonly ArgNode[]): Op[] | null {
    return args.length > 1 ? args.slice(1).map((a) => this.arg('any', a)) : null;
  }

  /** `names` read from `receiver` (null: dot); `node` is where field errors are reported. */
  private fields(at: Node | null, names: readonly string[], node: Node, receiver: Op | null, args: Op[] | null): Op {
    let flags = 0;
    if (this.callOperand > 0) flags |= Flag.InCallOperand;
    if (names.some((name) => name === 'constructor' || name === '__proto__')) flags |= Flag.SpecialName;
    return new Op(Code.Fields, at, names, node, receiver, null, args, flags);
  }

  private chain(chain: ChainNode, args: Op[] | null): Op {
    if (chain.field.length === 0) return fail(chain, 'internal error: no fields in evalChainNode');
    if (chain.node.type === 'nil') return fail(chain, `indirection through explicit nil in ${nodeString(chain)}`);
    return this.fields(chain, chain.field, chain, this.arg(null, chain.node), args);
  }

  /** `$x` or `$x.A.B`; `withArgs` when the command gives it arguments (an error unless it has fields). */
  private variable(v: VariableNode, withArgs: boolean, args: Op[] | null): Op {
    const name = v.ident[0]!;
    if (v.ident.length > 1) return this.fields(null, v.ident.slice(1), v, new Op(Code.Variable, v, name), args);
    return new Op(Code.Variable, v, name, withArgs ? `can't give argument to non-function ${nodeString(v)}` : null);
  }

  /** A function call: `ident` names the function, `node` is where call errors are reported. */
  private function(ident: IdentifierNode, node: Node, argNodes: readonly ArgNode[], hasFinal: boolean): Op {
    const name = ident.ident;
    const user = this.userFunc(name);
    const builtin = Object.prototype.hasOwnProperty.call(BUILTINS, name) ? BUILTINS[name] : undefined;
    const spec = user ?? builtin;
    if (spec === undefined) return fail(ident, `${goQuote(name)} is not a defined function`);
    return this.call(ident, spec, user === undefined, node, name, argNodes, hasFinal);
  }

  /** Go's `evalCall`: argument count and types checked against `spec`. */
  private call(ident: Node, spec: FuncSpec, isBuiltin: boolean, node: Node, name: string, argNodes: readonly ArgNode[], hasFinal: boolean): Op {
    const numIn = argNodes.length + (hasFinal ? 1 : 0);
    let numFixed = argNodes.length;
    if (spec.variadic !== undefined) {
      numFixed = spec.params.length;
      if (numIn < numFixed) return fail(ident, `wrong number of args for ${name}: want at least ${numFixed} got ${argNodes.length}`);
    } else if (numIn !== spec.params.length) {
      return fail(ident, `wrong number of args for ${name}: want ${spec.params.length} got ${numIn}`);
    }
    if (isBuiltin && (name === 'and' || name === 'or')) {
      return new Op(Code.AndOr, ident, null, null, null, null, argNodes.map((a) => this.arg('value', a)), name === 'or' ? Flag.Or : 0);
    }
    const isCall = isBuiltin && name === 'call';
    const args: Op[] = [];
    let i = 0;
    for (; i < numFixed && i < argNodes.length; i++) {
      const typ = spec.params[i]!;
      if (isCall && i === 0) {
        this.callOperand++;
        args.push(this.arg(typ, argNodes[0]!, Flag.CallOperand));
        this.callOperand--;
      } else args.push(this.arg(typ, argNodes[i]!, this.callOperand > 0 ? Flag.NotCallOperand : 0));
    }
    for (; i < argNodes.length; i++) args.push(this.arg(spec.variadic!, argNodes[i]!));
    let finalType: ArgType | null = null;
    if (hasFinal) {
      if (spec.variadic !== undefined) finalType = numIn - 1 < numFixed ? spec.params[numIn - 1]! : spec.variadic;
      else finalType = spec.params[spec.params.length - 1]!;
    }
    const site: CallSite = {
      fn: isCall ? callBuiltin(nodeString(argNodes[0] ?? { type: 'nil', pos: 0, src: node.src })) : (spec.fn as CallSite['fn']),
      name,
      node,
      finalCheck: checkOf(finalType),
      finalType,
    };
    return new Op(Code.Call, ident, site, null, null, null, args);
  }

  /**
   * Go's `evalArg`: an operand passed as a parameter of type `typ` (null: untyped, a field's
   * receiver), checked as Go's `validateType` does; `flags` say how it relates to `call`.
   */
  private arg(typ: ArgType | null, n: ArgNode, flags = 0): Op {
    const check = (op: Op): Op => new Op(op.code, op.at, op.a, op.b, op.x, op.y, op.items, op.flags | flags, checkOf(typ), typ);
    switch (n.type) {
      case 'dot':
        return check(new Op(Code.Dot, n));
      case 'nil':
        if (typ !== null && canBeNil(typ)) return constant(n, typ === 'value' ? undefined : null, flags);
        return fail(n, `cannot assign nil to ${typ === null ? '<nil>' : typeString(typ)}`);
      case 'field':
        return check(this.fields(n, n.ident, n, null, null));
      case 'variable': {
        // The variable op sets the node; a field chain on it needs no setting of its own.
        return check(this.variable(n, false, null));
      }
      case 'pipe':
        return check(this.pipeline(n));
      case 'identifier':
        return check(this.function(n, n, [], false));
      case 'chain':
        return check(this.chain(n, null));
      default:
        return constantArg(typ, n, flags);
    }
  }
}

/** A bool, number or string constant as an argument of type `typ`. */
function constantArg(typ: ArgType | null, n: ArgNode, flags: number): Op {
  if (typ === null) return fail(n, `can't handle ${nodeString(n)} for arg of type <nil>`);
  if (typeof typ === 'object') return fail(n, `can't handle ${nodeString(n)} for arg of type ${typeString(typ)}`);
  switch (typ) {
    case 'bool':
      return n.type === 'bool' ? constant(n, n.value, flags) : fail(n, `expected bool; found ${nodeString(n)}`);
    case 'float64':
      return n.type === 'number' && n.isFloat ? constant(n, n.float64, flags) : fail(n, `expected float; found ${nodeString(n)}`);
    case 'int':
      return n.type === 'number' && n.isInt ? constant(n, n.int64, flags) : fail(n, `expected integer; found ${nodeString(n)}`);
    case 'string':
      return n.type === 'string' ? constant(n, n.text, flags) : fail(n, `expected string; found ${nodeString(n)}`);
    case 'any':
    case 'value':
      switch (n.type) {
        case 'bool':
          return constant(n, n.value, flags);
        case 'number':
          return idealConstant(n, flags);
        case 'string':
          return constant(n, n.text, flags);
        default:
          return fail(n, `can't handle assignment of ${nodeString(n)} to empty interface argument`);
      }
    default:
      return fail(n, `can't handle ${nodeString(n)} for arg of type ${typeString(typ)}`);
  }
}

function isHexInt(s: string): boolean {
  return s.length > 2 && s[0] === '0' && (s[1] === 'x' || s[1] === 'X') && !/[pP]/.test(s);
}

/** Go's `idealConstant`: a number constant as `interface{}` (float64 if written as one, else int). */
function idealConstant(n: NumberNode, flags = 0): Op {
  if (n.isFloat && !isHexInt(n.text) && !n.text.startsWith("'") && /[.eEpP]/.test(n.text)) return constant(n, n.float64, flags);
  if (n.isInt) return constant(n, n.int64, flags);
  if (n.isUint) return fail(n, `${n.text} overflows int`);
  return constant(n, undefined, flags);
}

function constant(at: Node, value: unknown, flags = 0): Op {
  return new Op(Code.Const, at, value, null, null, null, null, flags);
}

/** A Go error reported when the op runs, at `at` (null: at the node being evaluated). */
export function fail(at: Node | null, message: string): Op {
  return new Op(Code.Fail, at, message);
}

function checkOf(typ: ArgType | null): Check {
  if (typ === null || typ === 'value') return Check.None;
  if (typ === 'any') return Check.Interface;
  if (typ === 'string') return Check.String;
  return Check.Other;
}
