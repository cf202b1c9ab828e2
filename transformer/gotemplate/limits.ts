/**
 * Bounds on one template execution. The core has no clock, so runaway templates (`repeat
 * 200000000`, `range until 100000000`, a template calling itself twice) are stopped by counting
 * instead, deterministically: a limit is checked before the memory or work it guards is spent, and
 * exceeding one is a `TemplateError` naming it (`TemplateError.limit`).
 *
 * Steps stand for time: one per action, range iteration and template call; one per element a
 * function makes or walks (list results, map keys sorted, values compared, encoded or copied); one
 * per character a function walks in JavaScript (`upper`, `b64enc`, `js`...); and one per
 * `CHARS_PER_STEP` characters of the strings functions are given, return, compare or scan, which
 * native string operations get through quickly (counted apart, as `chars`, and checked at each step). No
 * step takes much over a microsecond, so a run within the step limit ends within about a second,
 * and what a run can hold on to was counted. The size limits are checked before a string or list
 * is made.
 *
 * Istio's own sidecar template, per pod: ~6,000 characters of output, ~400 steps.
 */

const KI = 1024;
const MI = 1024 * KI;

export const TEMPLATE_LIMITS = Object.freeze({
  /**
   * Characters (UTF-16 code units) one execution writes: ~350x Istio's. The output becomes part of
   * a pod, and the API server stores no object over 1.5 MiB, so more could never be applied.
   */
  output: 2 * MI,
  /** Characters of any one string a function makes (`repeat`, `printf`, `indent`, `join`, `toYaml`...). */
  string: MI,
  /** Elements of any one list a function makes (`until`, `untilStep`, `seq`, `concat`, `splitList`...). */
  list: 256 * KI,
  /** Steps (see above): ~1,300x Istio's template. */
  steps: 512 * KI,
  /** Nested `{{template}}` calls (Go allows 100000; the JavaScript stack would not). */
  depth: 1000,
});

/** Characters of function arguments and results per step (see above). */
const CHARS_PER_STEP = 16;

/** The characters functions may take and make in one run: the step limit's worth. */
export const MAX_CHARS = TEMPLATE_LIMITS.steps * CHARS_PER_STEP;

export type TemplateLimit = keyof typeof TEMPLATE_LIMITS;

const WHAT: Readonly<Record<TemplateLimit, string>> = {
  output: 'characters of template output',
  string: 'characters per string',
  list: 'elements per list',
  steps: 'steps (actions, loop iterations, template calls, and the characters and elements functions take, make and walk)',
  depth: 'nested template calls',
};

/** A limit message: what happened, which limit it exceeds, and what to do. */
export function limitText(limit: TemplateLimit, detail: string): string {
  return `${detail}: over mesh-inject's template limit of ${TEMPLATE_LIMITS[limit]} ${WHAT[limit]} ("${limit}"); Istio's own templates stay far below it, fix the template so it does less`;
}

/** Thrown by functions and encoders before they exceed a limit; the executor reports it as a `TemplateError`. */
export class LimitError extends Error {
  constructor(
    readonly limit: TemplateLimit,
    detail: string,
  ) {
    super(limitText(limit, detail));
    this.name = 'LimitError';
  }
}

/** The counters of the running execution, which functions charge their own work to. */
export interface ExecMeter {
  steps: number;
  /** Characters of strings functions were given and returned (see above). */
  chars: number;
}

// The running execution's counters. Executions are synchronous and `CompiledSet.execute` restores
// the previous meter when it returns, so a function always charges the execution that called it.
// The limits apply only inside a template run: the functions and encoders also serve other code
// (kube-inject writes whole manifests with `marshalYAML`).
let running: ExecMeter | undefined;

export function enterMeter(meter: ExecMeter): ExecMeter | undefined {
  const saved = running;
  running = meter;
  return saved;
}

export function leaveMeter(saved: ExecMeter | undefined): void {
  running = saved;
}

/** Throws before a string of `length` characters is made, when that is over the string limit. */
export function checkString(length: number): void {
  if (length > TEMPLATE_LIMITS.string && running !== undefined) throw new LimitError('string', `the result would have ${length} characters`);
}

/** Throws before a list of `length` elements is made, when that is over the list limit. */
export function checkList(length: number): void {
  if (length > TEMPLATE_LIMITS.list && running !== undefined) throw new LimitError('list', `the result would have ${length} elements`);
}

/** Counts `n` characters a function compares or scans (checked at the next step). */
export function chargeChars(n: number): void {
  if (running !== undefined) running.chars += n;
}

/** Charges `n` steps (elements a function walks or copies) to the running execution. */
export function chargeSteps(n: number): void {
  if (running !== undefined && (running.steps += n) > TEMPLATE_LIMITS.steps) {
    throw new LimitError('steps', `the template has run over ${TEMPLATE_LIMITS.steps} steps`);
  }
}

/**
 * Counts characters as an encoder makes them (`toJson`, `toYaml`), so that a value sharing its parts
 * (a list holding the same list twice, nested 30 deep) stops at the string limit instead of being
 * written out 2^30 times.
 */
export class SizeMeter {
  private size = 0;
  readonly max = running === undefined ? Infinity : TEMPLATE_LIMITS.string;

  /** Counts `n` more characters. */
  add(n: number): void {
    this.check((this.size += n));
  }

  /** Throws when a text of `length` characters is over the limit. */
  check(length: number): void {
    if (length > this.max) throw new LimitError('string', `the result would have over ${this.max} characters`);
  }
}

/** `parts.join(sep)`, checked against the string limit before it is made. */
export function joinChecked(parts: readonly string[], sep: string): string {
  let length = parts.length > 0 ? sep.length * (parts.length - 1) : 0;
  for (const p of parts) length += p.length;
  checkString(length);
  return parts.join(sep);
}
