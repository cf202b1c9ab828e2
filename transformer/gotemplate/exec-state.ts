/**
 * The runtime state of one execution: the output, the variable stack, the template being run and
 * the node being evaluated (what Go's `s.at(node)` records for error messages).
 */
import { TemplateError, locate } from './errors.js';
import { goQuote } from './go-quote.js';
import { MAX_CHARS, TEMPLATE_LIMITS, limitText, type ExecMeter, type TemplateLimit } from './limits.js';
import { nodeString, type Node } from './nodes.js';

export type MissingKey = 'default' | 'zero' | 'error';

/** A compiled template body: writes output for `dot`. */
export type Body = (s: ExecState, dot: unknown) => void;

/** What the running code needs from its template set. */
export interface Program {
  readonly missingKey: MissingKey;
  /** The parse nodes compiled code refers to by number (`ExecState.at`). */
  readonly nodes: readonly Node[];
  /** The compiled body of the associated template `name`, if it is defined. */
  template(name: string): Body | undefined;
}

/** Nesting limit for `{{template}}` calls (Go uses 100000, 1000 on wasm). */
export const MAX_EXEC_DEPTH = TEMPLATE_LIMITS.depth;

/** "No previous command" (Go passes `missingVal`): distinct from every template value. */
export const MISSING: unique symbol = Symbol('missing');

export const BREAK = { signal: 'break' };
export const CONTINUE = { signal: 'continue' };

export class ExecState implements ExecMeter {
  out = '';
  /** Steps and characters so far (`limits.ts`). */
  steps = 0;
  chars = 0;
  /**
   * The number of the node being evaluated (in `program.nodes`; -1 for none): where an error is
   * reported. A number, so setting it, which compiled code does all the time, is a plain store.
   */
  at = -1;
  depth = 0;
  /** Set while evaluating the function operand of `call`: a function field is the value, not a method call. */
  funcOperand = false;
  readonly missingKey: MissingKey;
  // Variables of all active templates; the running one sees [base, top). Slots above `top` are
  // reused rather than truncated, which is cheaper than resizing arrays on every scope exit.
  private readonly names: string[] = [];
  private readonly values: unknown[] = [];
  private base = 0;
  private top = 0;

  constructor(
    readonly program: Program,
    public tmplName: string,
    /** What the caller passed for this execution (`defineContextFunc`). */
    readonly context: unknown = undefined,
  ) {
    this.missingKey = program.missingKey;
  }

  errorf(message: string, limit?: TemplateLimit): never {
    const node = this.at < 0 ? undefined : this.program.nodes[this.at];
    const withLimit = limit === undefined ? {} : { limit };
    if (node === undefined) {
      throw new TemplateError(
        { kind: 'exec', template: this.tmplName, line: 0, column: 0, executing: this.tmplName, detail: message, ...withLimit },
        `template: ${this.tmplName}: ${message}`,
      );
    }
    const { line, column } = locate(node.src.text, node.pos);
    const context = nodeString(node);
    const location = `${node.src.parseName}:${line}:${column}`;
    throw new TemplateError(
      { kind: 'exec', template: node.src.parseName, line, column, executing: this.tmplName, context, detail: message, ...withLimit },
      `template: ${location}: executing ${goQuote(this.tmplName)} at <${context}>: ${message}`,
    );
  }

  /** An execution limit stops the run, at the node being evaluated. */
  limitf(limit: TemplateLimit, detail: string): never {
    this.errorf(limitText(limit, detail), limit);
  }

  /** Generated code found the steps, the characters or the output over the limit (it checks them at once). */
  overLimit(): never {
    if (this.steps > TEMPLATE_LIMITS.steps) this.limitf('steps', `the template has run ${this.steps} steps`);
    if (this.chars > MAX_CHARS) this.limitf('steps', `functions have taken and made ${this.chars} characters (${MAX_CHARS} is the step limit's worth)`);
    this.limitf('output', `the template has written ${this.out.length} characters`);
  }

  // --- variables ---

  mark(): number {
    return this.top;
  }

  pop(mark: number): void {
    this.top = mark;
  }

  push(name: string, value: unknown): void {
    this.names[this.top] = name;
    this.values[this.top++] = value;
  }

  /** Starts a template's own variable scope (only `$`); returns what `leaveTemplate` restores. */
  enterTemplate(dot: unknown): number {
    const saved = this.base;
    this.base = this.top;
    this.push('$', dot);
    return saved;
  }

  leaveTemplate(saved: number): void {
    this.top = this.base;
    this.base = saved;
  }

  varValue(name: string): unknown {
    for (let i = this.top - 1; i >= this.base; i--) if (this.names[i] === name) return this.values[i];
    this.errorf(`undefined variable: ${name}`);
  }

  setVar(name: string, value: unknown): void {
    for (let i = this.top - 1; i >= this.base; i--) {
      if (this.names[i] === name) {
        this.values[i] = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  /** Sets the `n`th variable from the top (1 is the last pushed). */
  setTopVar(n: number, value: unknown): void {
    this.values[this.top - n] = value;
  }
}
