/**
 * Pipelines, commands and arguments compiled to JavaScript statements (Go's `evalPipeline`,
 * `evalCommand`, `evalArg`, `evalCall`, `evalField`). Each emitter appends statements to `code`
 * and returns an expression for the value: a temporary, `dot`, a literal or a constant.
 *
 * Decided at compile time: which function a name calls, argument counts, constant arguments and
 * their types. What Go reports as an error becomes a statement that reports it when (and only if)
 * it runs. Every place Go's executor calls `s.at(node)` sets `s.at`, so errors name the same
 * node. Field chains and function calls are compiled per site (`codegen-path.ts`, `call`), so V8
 * keeps property caches per field and can inline the functions a template calls.
 */
import { BUILTINS } from './builtins.js';
import { fieldPath } from './codegen-path.js';
import type { JsWriter } from './codegen-writer.js';
import { callBuiltin } from './field-access.js';
import { canBeNil, typeString, type ArgType, type FuncSpec } from './funcs.js';
import { goQuote } from './go-quote.js';
import { MAX_CHARS, TEMPLATE_LIMITS } from './limits.js';
import { nodeString, type ArgNode, type ChainNode, type CommandNode, type IdentifierNode, type Node, type NumberNode, type PipeNode, type VariableNode } from './nodes.js';

export type Code = string[];

export class ExprEmitter {
  /** > 0 while compiling the first argument of `call`, where a function field is not called. */
  private callOperand = 0;

  constructor(
    private readonly w: JsWriter,
    private readonly userFunc: (name: string) => FuncSpec | undefined,
  ) {}

  /** A pipeline's value (`undefined` without one); its variables are declared or assigned. */
  pipeline(code: Code, pipe: PipeNode | undefined, dot: string): string {
    if (pipe === undefined) return 'undefined';
    this.at(code, pipe);
    let value = 'MISSING';
    pipe.cmds.forEach((cmd, i) => {
      const result = this.command(code, cmd, dot, i > 0 ? value : null);
      value = this.w.name('v');
      // An interface{} holding nil is dug out to "no value".
      code.push(`const ${value} = ${result} === null ? undefined : ${result};`);
    });
    for (const v of pipe.decl) code.push(`s.${pipe.isAssign ? 'setVar' : 'push'}(${this.w.constant(v.ident[0]!)}, ${value});`);
    return value;
  }

  /** A command given the previous command's value (`final`, null for the first command). */
  private command(code: Code, cmd: CommandNode, dot: string, final: string | null): string {
    const args = cmd.args;
    const first = args[0]!;
    const withArgs = args.length > 1 || final !== null;
    switch (first.type) {
      case 'field':
        this.at(code, first);
        return this.fieldChain(code, first.ident, first, dot, dot, this.methodArgs(args), final ?? 'MISSING');
      case 'chain':
        return this.chain(code, first, dot, this.methodArgs(args), final ?? 'MISSING');
      case 'identifier':
        return this.function(code, first, cmd, args.slice(1), dot, final);
      case 'pipe':
        if (withArgs) return this.fail(code, `can't give argument to non-function ${nodeString(first)}`);
        return this.pipeline(code, first, dot);
      case 'variable':
        return this.variable(code, first, dot, withArgs, this.methodArgs(args), final ?? 'MISSING');
      default:
        break;
    }
    this.at(code, first);
    if (withArgs) return this.fail(code, `can't give argument to non-function ${nodeString(first)}`);
    switch (first.type) {
      case 'bool':
        return String(first.value);
      case 'dot':
        return dot;
      case 'nil':
        return this.fail(code, 'nil is not a command');
      case 'number':
        return this.idealConstant(code, first);
      case 'string':
        return this.w.constant(first.text);
    }
  }

  /**
   * A command's arguments after a field, in case the field is a method (`interface{}` each): a
   * generated function evaluating them, or `null` when there are none.
   */
  private methodArgs(args: readonly ArgNode[]): string {
    if (args.length <= 1) return 'null';
    const body: Code = [];
    const values = args.slice(1).map((a) => this.arg(body, 'any', a, 'dot'));
    body.push(`return [${values.join(', ')}];`);
    return this.w.function('args', 's, dot', body);
  }

  /** `.A.B.C` read from `receiver`; the last name gets the method arguments and `final`. */
  private fieldChain(code: Code, ident: readonly string[], node: Node, receiver: string, dot: string, args: string, final: string): string {
    let funcOperand = 'false';
    if (this.callOperand > 0) {
      funcOperand = this.w.name('operand');
      code.push(`const ${funcOperand} = s.funcOperand;`, 's.funcOperand = false;');
    }
    if (funcOperand === 'false' && args === 'null' && final === 'MISSING' && !ident.some(isSpecialName)) {
      const t = this.w.name('t');
      code.push(`const ${t} = ${fieldPath(this.w, ident)}(s, ${dot}, ${receiver}, ${this.w.node(node)});`);
      return t;
    }
    let value = receiver;
    ident.forEach((name, i) => {
      const last = i === ident.length - 1;
      if (last) value = this.field(code, value, name, node, dot, args, final, funcOperand);
      else value = this.field(code, value, name, node, dot, 'null', 'MISSING', 'false');
    });
    return value;
  }

  /** One field read: inline when it is a plain field, else `evalField` (methods, missing keys, errors). */
  private field(code: Code, receiver: string, name: string, node: Node, dot: string, args: string, final: string, funcOperand: string): string {
    const t = this.w.name('t');
    const key = this.w.constant(name);
    const general = `evalField(s, ${dot}, ${receiver}, ${key}, ${this.w.node(node)}, ${args}, ${final}, ${funcOperand})`;
    if (args !== 'null' || final !== 'MISSING' || funcOperand !== 'false' || isSpecialName(name)) {
      code.push(`const ${t} = ${general};`);
      return t;
    }
    code.push(`const ${t} = ${fieldPath(this.w, [name])}(s, ${dot}, ${receiver}, ${this.w.node(node)});`);
    return t;
  }

  private chain(code: Code, chain: ChainNode, dot: string, args: string, final: string): string {
    this.at(code, chain);
    if (chain.field.length === 0) return this.fail(code, 'internal error: no fields in evalChainNode');
    if (chain.node.type === 'nil') return this.fail(code, `indirection through explicit nil in ${nodeString(chain)}`);
    const operand = this.arg(code, null, chain.node, dot);
    return this.fieldChain(code, chain.field, chain, operand, dot, args, final);
  }

  /** `$x` or `$x.A.B`; `withArgs` when the command gives it arguments (an error unless it has fields). */
  private variable(code: Code, v: VariableNode, dot: string, withArgs: boolean, args: string, final: string): string {
    const name = this.w.constant(v.ident[0]!);
    this.at(code, v);
    const t = this.w.name('t');
    code.push(`const ${t} = s.varValue(${name});`);
    if (v.ident.length > 1) return this.fieldChain(code, v.ident.slice(1), v, t, dot, args, final);
    if (withArgs) return this.fail(code, `can't give argument to non-function ${nodeString(v)}`);
    return t;
  }

  /** A function call: `ident` names the function, `node` is where call errors are reported. */
  private function(code: Code, ident: IdentifierNode, node: Node, argNodes: readonly ArgNode[], dot: string, final: string | null): string {
    const name = ident.ident;
    const user = this.userFunc(name);
    const builtin = Object.prototype.hasOwnProperty.call(BUILTINS, name) ? BUILTINS[name] : undefined;
    const spec = user ?? builtin;
    this.at(code, ident);
    if (spec === undefined) return this.fail(code, `${goQuote(name)} is not a defined function`);
    return this.call(code, spec, user === undefined, node, name, argNodes, dot, final);
  }

  /** Go's `evalCall`: argument count and types checked against `spec`; a throw is `error calling NAME`. */
  private call(code: Code, spec: FuncSpec, isBuiltin: boolean, node: Node, name: string, argNodes: readonly ArgNode[], dot: string, final: string | null): string {
    const numIn = argNodes.length + (final !== null ? 1 : 0);
    let numFixed = argNodes.length;
    if (spec.variadic !== undefined) {
      numFixed = spec.params.length;
      if (numIn < numFixed) return this.fail(code, `wrong number of args for ${name}: want at least ${numFixed} got ${argNodes.length}`);
    } else if (numIn !== spec.params.length) {
      return this.fail(code, `wrong number of args for ${name}: want ${spec.params.length} got ${numIn}`);
    }
    if (isBuiltin && (name === 'and' || name === 'or')) return this.andOr(code, name === 'or', argNodes, dot, final);

    const isCall = isBuiltin && name === 'call';
    const args: string[] = [];
    const types: ArgType[] = [];
    let i = 0;
    for (; i < numFixed && i < argNodes.length; i++) {
      const typ = spec.params[i]!;
      types.push(typ);
      if (isCall && i === 0) {
        code.push('s.funcOperand = true;');
        this.callOperand++;
        args.push(this.arg(code, typ, argNodes[0]!, dot, true));
        this.callOperand--;
        code.push('s.funcOperand = false;');
      } else if (this.callOperand > 0) {
        // Inside `call`'s operand, a nested call's fixed arguments are ordinary operands.
        code.push('s.funcOperand = false;');
        args.push(this.arg(code, typ, argNodes[i]!, dot, true));
        code.push('s.funcOperand = false;');
      } else args.push(this.arg(code, typ, argNodes[i]!, dot, true));
    }
    for (; i < argNodes.length; i++) {
      types.push(spec.variadic!);
      args.push(this.arg(code, spec.variadic!, argNodes[i]!, dot, true));
    }
    if (final !== null) {
      let typ: ArgType;
      if (spec.variadic !== undefined) typ = numIn - 1 < numFixed ? spec.params[numIn - 1]! : spec.variadic;
      else typ = spec.params[spec.params.length - 1]!;
      types.push(typ);
      args.push(this.validate(code, final, typ, true));
    }
    // `interface{}` arguments get nil for "no value".
    types.forEach((typ, k) => {
      if (typ === 'any' && !isNonNilConstant(args[k]!)) args[k] = this.validate(code, args[k]!, 'any', false);
    });
    this.chargeArgs(code, argNodes, args, types);
    const fn = isCall ? callBuiltin(nodeString(argNodes[0] ?? { type: 'nil', pos: 0, src: node.src })) : spec.fn;
    // Called in place (not through a shared helper), so V8 sees one function per site and can
    // inline it; `(0, f)` calls it without a receiver. A throw is Go's `error calling NAME`.
    const t = this.w.name('t');
    code.push(
      `let ${t};`,
      `try { ${t} = (0, ${this.w.constant(fn)})(${(spec.withContext && !isCall ? ['s.context', ...args] : args).join(', ')}); } catch (e) { callFailed(s, ${this.w.node(node)}, ${this.w.constant(name)}, e); }`,
      `if (${t} === undefined) ${t} = null;`,
      // A string result is counted here, a list in `chargeResult`, which also reports a limit exceeded.
      `else if (typeof ${t} === 'string' ? (s.chars += ${t}.length) > ${MAX_CHARS} || ${t}.length > ${TEMPLATE_LIMITS.string} : Array.isArray(${t})) chargeResult(s, ${this.w.node(node)}, ${this.w.constant(name)}, ${t});`,
    );
    return t;
  }

  /**
   * Counts the characters of a call's `string` arguments (`limits.ts`): what a function does with a
   * string takes time in proportion to it (`contains`, `trimSuffix`). Functions that take strings
   * as `interface{}` count them themselves where it matters (`eq`, `len`, `index`). Checked at the
   * next step: an argument is a string the run already holds, so no one call takes long on it.
   */
  private chargeArgs(code: Code, argNodes: readonly ArgNode[], args: readonly string[], types: readonly ArgType[]): void {
    let constant = 0;
    const terms: string[] = [];
    args.forEach((a, k) => {
      if (types[k] !== 'string') return;
      const literal = argNodes[k];
      if (literal?.type === 'string') constant += literal.text.length;
      else terms.push(`${a}.length`);
    });
    if (constant > 0) terms.push(String(constant));
    if (terms.length === 0) return;
    code.push(`s.chars += ${terms.join(' + ')};`);
  }

  /** `and`/`or`: the first operand that decides (falsy for `and`, truthy for `or`), else the last. */
  private andOr(code: Code, isOr: boolean, argNodes: readonly ArgNode[], dot: string, final: string | null): string {
    const t = this.w.name('t');
    const label = this.w.name('decided');
    code.push(`let ${t};`, `${label}: {`);
    for (const a of argNodes) {
      const value = this.arg(code, 'value', a, dot);
      code.push(`${t} = ${value};`, `if (isTrue(${t}) === ${isOr}) break ${label};`);
    }
    if (final !== null) code.push(`${t} = ${final};`);
    code.push('}');
    return t;
  }

  /** Go's `evalArg`: an operand passed as a parameter of type `typ` (null: untyped, a field's receiver). */
  arg(code: Code, typ: ArgType | null, n: ArgNode, dot: string, deferAny = false): string {
    this.at(code, n);
    switch (n.type) {
      case 'dot':
        return this.validate(code, dot, typ, deferAny);
      case 'nil':
        if (typ !== null && canBeNil(typ)) return typ === 'value' ? 'undefined' : 'null';
        return this.fail(code, `cannot assign nil to ${typ === null ? '<nil>' : typeString(typ)}`);
      case 'field':
        return this.validate(code, this.fieldChain(code, n.ident, n, dot, dot, 'null', 'MISSING'), typ, deferAny);
      case 'variable':
        return this.validate(code, this.variable(code, n, dot, false, 'null', 'MISSING'), typ, deferAny);
      case 'pipe':
        return this.validate(code, this.pipeline(code, n, dot), typ, deferAny);
      case 'identifier':
        return this.validate(code, this.function(code, n, n, [], dot, null), typ, deferAny);
      case 'chain':
        return this.validate(code, this.chain(code, n, dot, 'null', 'MISSING'), typ, deferAny);
      default:
        return this.constantArg(code, typ, n);
    }
  }

  /** A bool, number or string constant as an argument of type `typ`. */
  private constantArg(code: Code, typ: ArgType | null, n: ArgNode): string {
    if (typ === null) return this.fail(code, `can't handle ${nodeString(n)} for arg of type <nil>`);
    if (typeof typ === 'object') return this.fail(code, `can't handle ${nodeString(n)} for arg of type ${typeString(typ)}`);
    switch (typ) {
      case 'bool':
        return n.type === 'bool' ? String(n.value) : this.fail(code, `expected bool; found ${nodeString(n)}`);
      case 'float64':
        return n.type === 'number' && n.isFloat ? this.w.constant(n.float64) : this.fail(code, `expected float; found ${nodeString(n)}`);
      case 'int':
        return n.type === 'number' && n.isInt ? this.w.constant(n.int64) : this.fail(code, `expected integer; found ${nodeString(n)}`);
      case 'string':
        return n.type === 'string' ? this.w.constant(n.text) : this.fail(code, `expected string; found ${nodeString(n)}`);
      case 'any':
      case 'value':
        switch (n.type) {
          case 'bool':
            return String(n.value);
          case 'number':
            return this.idealConstant(code, n);
          case 'string':
            return this.w.constant(n.text);
          default:
            return this.fail(code, `can't handle assignment of ${nodeString(n)} to empty interface argument`);
        }
      default:
        return this.fail(code, `can't handle ${nodeString(n)} for arg of type ${typeString(typ)}`);
    }
  }

  /** Go's `idealConstant`: a number constant as `interface{}` (float64 if written as one, else int). */
  private idealConstant(code: Code, n: NumberNode): string {
    this.at(code, n);
    if (n.isFloat && !isHexInt(n.text) && !n.text.startsWith("'") && /[.eEpP]/.test(n.text)) return this.w.constant(n.float64);
    if (n.isInt) return this.w.constant(n.int64);
    if (n.isUint) return this.fail(code, `${n.text} overflows int`);
    return 'undefined';
  }

  /**
   * Go's `validateType`, with the common parameter types checked inline; `deferAny` when the
   * value is a call argument: `call` turns "no value" into nil for `interface{}` once all are evaluated.
   */
  private validate(code: Code, value: string, typ: ArgType | null, deferAny: boolean): string {
    if (typ === null || typ === 'value' || (typ === 'any' && deferAny)) return value;
    const t = this.w.name('a');
    if (typ === 'any') code.push(`const ${t} = ${value} === undefined ? null : ${value};`);
    else if (typ === 'string') code.push(`const ${t} = typeof ${value} === 'string' ? ${value} : validateType(s, ${value}, 'string');`);
    else code.push(`const ${t} = validateType(s, ${value}, ${this.w.constant(typ)});`);
    return t;
  }

  /** Sets the node being evaluated (a setting nothing can read before the next one is dropped). */
  at(code: Code, node: Node): void {
    const line = `s.at = ${this.w.node(node)};`;
    if (code.length > 0 && code[code.length - 1]!.startsWith('s.at = ')) code[code.length - 1] = line;
    else code.push(line);
  }

  /** An error at the node being evaluated; the value it stands for is never produced. */
  private fail(code: Code, message: string): string {
    code.push(`s.errorf(${this.w.constant(message)});`);
    return 'undefined';
  }
}

/** A generated expression that is a constant other than "no value" (a `K[i]` or a boolean). */
function isNonNilConstant(expr: string): boolean {
  return expr.startsWith('K[') || expr === 'true' || expr === 'false';
}

function isSpecialName(name: string): boolean {
  return name === 'constructor' || name === '__proto__';
}

function isHexInt(s: string): boolean {
  return s.length > 2 && s[0] === '0' && (s[1] === 'x' || s[1] === 'X') && !/[pP]/.test(s);
}
