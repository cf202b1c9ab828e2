/**
 * Go `fmt`: `Sprint`, `Sprintln`, `Sprintf` over the Go value model (`values.ts`).
 *
 * Verbs: `%v %+v %#v %T %t %d %b %o %O %x %X %c %q %U %e %E %f %F %g %G %s %%`, flags `+ - # 0 space`,
 * width and precision (also `*`), explicit argument indexes `%[n]d`, and Go's error forms
 * (`%!d(string=hi)`, `%!d(MISSING)`, `%!(EXTRA int=1)`, `%!(BADWIDTH)`, `%!(BADPREC)`, `%!v(BADINDEX)`).
 * Maps print sorted, `map[a:1 b:2]`; slices `[a b]`; structs `{a b}`; nil `<nil>`.
 * Objects with a `String()` (or `Error()`) method print through it, like Go Stringers.
 * Not supported: `%p`, and `%b %x %X` of floats (printed as bad verbs).
 */
import { Printer, clearFlags } from './fmt-printer.js';
import { formatFloat } from './float-format.js';
import { checkString } from './limits.js';
import { typeName } from './values.js';

/** Go `fmt.Sprint`: operands in `%v`, a space between two operands when neither is a string. */
export function sprint(args: readonly unknown[]): string {
  if (args.length === 1) return formatV(args[0]);
  const p = new Printer();
  let prevString = false;
  args.forEach((arg, i) => {
    const isString = typeof arg === 'string';
    if (i > 0 && !isString && !prevString) p.buf += ' ';
    p.printArg(arg, 'v', 0);
    prevString = isString;
  });
  return p.buf;
}

/** Go `fmt.Sprintln`: operands in `%v` separated by spaces, then a newline. */
export function sprintln(args: readonly unknown[]): string {
  const p = new Printer();
  args.forEach((arg, i) => {
    if (i > 0) p.buf += ' ';
    p.printArg(arg, 'v', 0);
  });
  return p.buf + '\n';
}

/** `%v` of one value. */
export function formatV(value: unknown): string {
  // What the printer does for basic values without flags, without setting one up.
  switch (typeof value) {
    case 'string':
      return value;
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (Number.isFinite(value)) return formatFloat(value, 'g', -1);
      break;
  }
  const p = new Printer();
  p.printArg(value, 'v', 0);
  return p.buf;
}

/** Go `fmt.Sprintf`. */
export function sprintf(format: string, args: readonly unknown[]): string {
  return simpleSprintf(format, args) ?? fullSprintf(format, args);
}

/**
 * The common case without setting up a printer: only `%s`/`%v` of strings, `%t`/`%v` of bools and
 * `%d`/`%v` of ints, no flags, one operand per verb. Undefined when the format needs more.
 */
function simpleSprintf(format: string, args: readonly unknown[]): string | undefined {
  let out = '';
  let argNum = 0;
  let from = 0;
  for (let i = format.indexOf('%'); i !== -1; i = format.indexOf('%', from)) {
    if (argNum >= args.length) return undefined;
    const arg = args[argNum++];
    const verb = format[i + 1];
    let text: string;
    if (typeof arg === 'string' && (verb === 's' || verb === 'v')) text = arg;
    else if (typeof arg === 'boolean' && (verb === 't' || verb === 'v')) text = arg ? 'true' : 'false';
    else if (typeof arg === 'bigint' && (verb === 'd' || verb === 'v')) text = arg.toString();
    else return undefined;
    out += format.slice(from, i) + text;
    checkString(out.length);
    from = i + 2;
  }
  if (argNum !== args.length) return undefined;
  return out + format.slice(from);
}

function fullSprintf(format: string, args: readonly unknown[]): string {
  const p = new Printer();
  const end = format.length;
  let argNum = 0;
  let reordered = false;
  let goodArgNum = true;

  /** Go `argNumber`: an optional `[n]` at `i`. */
  const argNumber = (current: number, at: number): { argNum: number; i: number; found: boolean } => {
    if (at >= end || format[at] !== '[') return { argNum: current, i: at, found: false };
    reordered = true;
    const parsed = parseArgNumber(format.slice(at));
    if (parsed.ok && parsed.index >= 0 && parsed.index < args.length) {
      return { argNum: parsed.index, i: at + parsed.width, found: true };
    }
    goodArgNum = false;
    return { argNum: current, i: at + parsed.width, found: parsed.ok };
  };

  let i = 0;
  while (i < end) {
    goodArgNum = true;
    const lasti = i;
    while (i < end && format[i] !== '%') i++;
    if (i > lasti) p.buf += format.slice(lasti, i);
    if (i >= end) break;
    i++;
    p.f = clearFlags();

    flags: for (; i < end; i++) {
      switch (format[i]) {
        case '#':
          p.f.sharp = true;
          break;
        case '0':
          p.f.zero = !p.f.minus;
          break;
        case '+':
          p.f.plus = true;
          break;
        case '-':
          p.f.minus = true;
          p.f.zero = false;
          break;
        case ' ':
          p.f.space = true;
          break;
        default:
          break flags;
      }
    }

    let idx = argNumber(argNum, i);
    argNum = idx.argNum;
    i = idx.i;
    let afterIndex = idx.found;

    if (i < end && format[i] === '*') {
      i++;
      const w = intFromArg(args, argNum);
      argNum = w.next;
      p.f.wid = w.value;
      p.f.widPresent = w.isInt;
      if (!w.isInt) p.buf += '%!(BADWIDTH)';
      if (p.f.wid < 0) {
        p.f.wid = -p.f.wid;
        p.f.minus = true;
        p.f.zero = false;
      }
      afterIndex = false;
    } else {
      const n = parseNum(format, i);
      if (n.present) {
        p.f.wid = n.value;
        p.f.widPresent = true;
        i = n.next;
        if (afterIndex) goodArgNum = false;
      }
    }

    if (i + 1 <= end && format[i] === '.') {
      i++;
      if (afterIndex) goodArgNum = false;
      idx = argNumber(argNum, i);
      argNum = idx.argNum;
      i = idx.i;
      afterIndex = idx.found;
      if (i < end && format[i] === '*') {
        i++;
        const pr = intFromArg(args, argNum);
        argNum = pr.next;
        p.f.prec = pr.value;
        p.f.precPresent = pr.isInt;
        if (p.f.prec < 0) {
          p.f.prec = 0;
          p.f.precPresent = false;
        }
        if (!pr.isInt) p.buf += '%!(BADPREC)';
        afterIndex = false;
      } else {
        const n = parseNum(format, i);
        p.f.prec = n.present ? n.value : 0;
        p.f.precPresent = true;
        i = n.next;
      }
    }

    if (!afterIndex) {
      idx = argNumber(argNum, i);
      argNum = idx.argNum;
      i = idx.i;
    }

    if (i >= end) {
      p.buf += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i) ?? 0xfffd);
    i += verb.length;

    if (verb === '%') p.buf += '%';
    else if (!goodArgNum) p.buf += `%!${verb}(BADINDEX)`;
    else if (argNum >= args.length) p.buf += `%!${verb}(MISSING)`;
    else {
      if (verb === 'w') p.badVerb(verb, args[argNum]);
      else {
        if (verb === 'v') {
          p.f.sharpV = p.f.sharp;
          p.f.sharp = false;
          p.f.plusV = p.f.plus;
          p.f.plus = false;
        }
        p.printArg(args[argNum], verb, 0);
      }
      argNum++;
    }
  }

  if (!reordered && argNum < args.length) {
    p.f = clearFlags();
    p.buf += '%!(EXTRA ';
    args.slice(argNum).forEach((arg, k) => {
      if (k > 0) p.buf += ', ';
      if (arg === null || arg === undefined) p.buf += '<nil>';
      else {
        p.buf += typeName(arg) + '=';
        p.printArg(arg, 'v', 0);
      }
    });
    p.buf += ')';
  }
  return p.buf;
}

/** Go `parsenum`: decimal digits at `i` (values over 1e6 are not a number). */
function parseNum(format: string, i: number): { value: number; present: boolean; next: number } {
  let j = i;
  let value = 0;
  while (j < format.length && format[j]! >= '0' && format[j]! <= '9') {
    if (value > 1e6) return { value: 0, present: false, next: format.length };
    value = value * 10 + Number(format[j]);
    j++;
  }
  return { value, present: j > i, next: j };
}

/** Go `parseArgNumber` on text starting with `[`: the zero-based index and the bytes consumed. */
function parseArgNumber(text: string): { index: number; width: number; ok: boolean } {
  if (text.length < 3) return { index: 0, width: 1, ok: false };
  for (let k = 1; k < text.length; k++) {
    if (text[k] === ']') {
      const n = parseNum(text, 1);
      if (!n.present || n.next !== k) return { index: 0, width: k + 1, ok: false };
      return { index: n.value - 1, width: k + 1, ok: true };
    }
  }
  return { index: 0, width: 1, ok: false };
}

/** Go `intFromArg`: an `int` operand for `*` width or precision (|n| <= 1e6). */
function intFromArg(args: readonly unknown[], n: number): { value: number; isInt: boolean; next: number } {
  if (n >= args.length) return { value: 0, isInt: false, next: n };
  const a = args[n];
  if (typeof a === 'bigint' && a <= 1000000n && a >= -1000000n) return { value: Number(a), isInt: true, next: n + 1 };
  return { value: 0, isInt: false, next: n + 1 };
}
