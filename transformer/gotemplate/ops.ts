/**
 * A template compiled for execution: a tree of `Op`s, one class for statements and expressions.
 * Everything the parse tree leaves open is settled here (functions resolved, field chains split,
 * constants converted, argument checks decided), and every op has the same fields, so the
 * interpreter (`run-stmt.ts`, `run-expr.ts`) reads them at one cost.
 *
 * Why not closures or generated JavaScript: template mode runs a template once per pod between
 * YAML parsing and merging, so whatever an execution touches starts cold. Closures cost a call
 * each and generated code is large (hundreds of KB of machine code for Istio's template); a
 * small interpreter over compact ops stays fastest when cold.
 */
import type { ArgType } from './funcs.js';
import type { Node } from './nodes.js';

/** What an op does. Statements write output; expressions give a value. */
export const Code = {
  // Statements.
  List: 0,
  Text: 1,
  Action: 2,
  If: 3,
  With: 4,
  Range: 5,
  Template: 6,
  Break: 7,
  Continue: 8,
  Comment: 9,
  // Expressions.
  Const: 10,
  Dot: 11,
  Variable: 12,
  Fields: 13,
  Call: 14,
  AndOr: 15,
  Pipeline: 16,
  // Either: a Go error reported when the op runs.
  Fail: 17,
} as const;
export type Code = (typeof Code)[keyof typeof Code];

/** How an expression's value is checked as an argument (Go's `validateType`). */
export const Check = {
  None: 0,
  /** `interface{}`: "no value" becomes nil. */
  Interface: 1,
  String: 2,
  /** Any other type, in `type`. */
  Other: 3,
} as const;
export type Check = (typeof Check)[keyof typeof Check];

export const Flag = {
  /** Action: print the value. */
  Print: 1,
  /** Pipeline, range: the variables are assigned (`=`), not declared. */
  Assign: 1,
  /** And/or: `or`. */
  Or: 1,
  /** Fields: inside `call`'s first argument (a function field may be the value, not a call). */
  InCallOperand: 2,
  /** Fields: a name is `constructor` or `__proto__`, which a plain property read would misread. */
  SpecialName: 4,
  /** Argument: `call`'s function operand. */
  CallOperand: 8,
  /** Argument: a fixed argument of a call inside `call`'s operand (an ordinary operand again). */
  NotCallOperand: 16,
} as const;

/** A called function and how a call of it reports errors. */
export interface CallSite {
  readonly fn: (...args: unknown[]) => unknown;
  readonly name: string;
  /** Where `error calling NAME` is reported. */
  readonly node: Node;
  /** The check of the previous command's value, when the call gets one. */
  readonly finalCheck: Check;
  readonly finalType: ArgType | null;
}

/**
 * One operation. Field use by code:
 *
 * | code | a | b | x | y | items |
 * |------|---|---|---|---|-------|
 * | List | | | | | statements |
 * | Text | text | | | | |
 * | Action | | | pipeline | | |
 * | If, With | | else list | pipeline | list | |
 * | Range | variable names | else list | pipeline | list | |
 * | Template | name | | pipeline | | |
 * | Const | value | | | | |
 * | Variable | name | error after the lookup | | | |
 * | Fields | names | node (errors) | receiver (none: dot) | | method arguments |
 * | Call | `CallSite` | | | | arguments |
 * | AndOr | | | | | operands |
 * | Pipeline | variable names | | | | commands |
 * | Fail | message | | | | |
 */
export class Op {
  constructor(
    readonly code: Code,
    /** The node being evaluated when the op starts (Go's `s.at`), if it moves. */
    readonly at: Node | null,
    readonly a: unknown = null,
    readonly b: unknown = null,
    readonly x: Op | null = null,
    readonly y: Op | null = null,
    readonly items: readonly Op[] | null = null,
    readonly flags: number = 0,
    /** As an argument: how its value is checked. */
    readonly check: Check = Check.None,
    readonly type: ArgType | null = null,
  ) {}
}
