/**
 * Go's `fmt` printer state (`pp`/`fmt`): one operand at a time with a verb and flags, over the Go
 * value model. `Sprint`/`Sprintf` in `printf.ts` drive it.
 */
import { formatFloat } from './float-format.js';
import { canBackquote, goQuote, goQuoteASCII, goQuoteRune, isPrint } from './go-quote.js';
import { chargeSteps, checkString } from './limits.js';
import { runeCount, utf8Bytes } from './utf8.js';
import { goKind, sortedKeys, structFields, typeName } from './values.js';

interface Flags {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  plusV: boolean;
  sharpV: boolean;
  widPresent: boolean;
  precPresent: boolean;
  wid: number;
  prec: number;
}

export function clearFlags(): Flags {
  return {
    plus: false,
    minus: false,
    sharp: false,
    space: false,
    zero: false,
    plusV: false,
    sharpV: false,
    widPresent: false,
    precPresent: false,
    wid: 0,
    prec: 0,
  };
}

/** A `String()`/`Error()` method of an object, if it has one. */
function stringerOf(value: unknown): (() => unknown) | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const obj = value as { Error?: unknown; String?: unknown };
  if (typeof obj.Error === 'function') return () => (obj.Error as () => unknown).call(value);
  if (typeof obj.String === 'function') return () => (obj.String as () => unknown).call(value);
  return undefined;
}

export class Printer {
  buf = '';
  f: Flags = clearFlags();
  private erroring = false;

  // --- padding ---

  private writePadding(n: number): void {
    if (n <= 0) return;
    checkString(this.buf.length + n);
    this.buf += (this.f.zero ? '0' : ' ').repeat(n);
  }

  pad(s: string): void {
    if (!this.f.widPresent || this.f.wid === 0) {
      this.buf += s;
      return;
    }
    const width = this.f.wid - runeCount(s);
    if (!this.f.minus) {
      this.writePadding(width);
      this.buf += s;
    } else {
      this.buf += s;
      this.writePadding(width);
    }
  }

  // --- basic kinds ---

  private fmtBool(v: boolean, verb: string): void {
    if (verb === 't' || verb === 'v') this.pad(v ? 'true' : 'false');
    else this.badVerb(verb, v);
  }

  private fmtInteger(v: bigint, base: number, verb: string, upper: boolean): void {
    const negative = v < 0n;
    const u = negative ? -v : v;
    let prec = 0;
    if (this.f.precPresent) {
      prec = this.f.prec;
      if (prec === 0 && u === 0n) {
        const oldZero = this.f.zero;
        this.f.zero = false;
        this.writePadding(this.f.wid);
        this.f.zero = oldZero;
        return;
      }
    } else if (this.f.zero && this.f.widPresent) {
      prec = this.f.wid;
      if (negative || this.f.plus || this.f.space) prec--;
    }
    let digits = u.toString(base);
    if (upper) digits = digits.toUpperCase();
    if (digits.length < prec) digits = '0'.repeat(prec - digits.length) + digits;
    if (this.f.sharp) {
      if (base === 8 && digits[0] !== '0') digits = '0' + digits;
      else if (base === 16) digits = (upper ? '0X' : '0x') + digits;
      else if (base === 2) digits = '0b' + digits;
    }
    if (verb === 'O') digits = '0o' + digits;
    if (negative) digits = '-' + digits;
    else if (this.f.plus) digits = '+' + digits;
    else if (this.f.space) digits = ' ' + digits;
    const oldZero = this.f.zero;
    this.f.zero = false;
    this.pad(digits);
    this.f.zero = oldZero;
  }

  private fmtUnicode(v: bigint): void {
    const prec = this.f.precPresent && this.f.prec > 4 ? this.f.prec : 4;
    let s = 'U+' + BigInt.asUintN(64, v).toString(16).toUpperCase().padStart(prec, '0');
    const r = Number(v);
    if (this.f.sharp && v >= 0n && v <= 0x10ffffn && isPrint(r)) s += ` '${String.fromCodePoint(r)}'`;
    const oldZero = this.f.zero;
    this.f.zero = false;
    this.pad(s);
    this.f.zero = oldZero;
  }

  private fmtInt(v: bigint, verb: string): void {
    switch (verb) {
      case 'v':
      case 'd':
        return this.fmtInteger(v, 10, verb, false);
      case 'b':
        return this.fmtInteger(v, 2, verb, false);
      case 'o':
      case 'O':
        return this.fmtInteger(v, 8, verb, false);
      case 'x':
        return this.fmtInteger(v, 16, verb, false);
      case 'X':
        return this.fmtInteger(v, 16, verb, true);
      case 'c': {
        const valid = v >= 0n && v <= 0x10ffffn && !(v >= 0xd800n && v <= 0xdfffn);
        return this.pad(String.fromCodePoint(valid ? Number(v) : 0xfffd));
      }
      case 'q':
        if (v >= 0n && v <= 0x10ffffn) return this.pad(goQuoteRune(Number(v), this.f.plus));
        return this.badVerb(verb, v);
      case 'U':
        return this.fmtUnicode(v);
      default:
        return this.badVerb(verb, v);
    }
  }

  private fmtFloat(v: number, verb: string): void {
    switch (verb) {
      case 'v':
        return this.floatWith(v, 'g', -1);
      case 'g':
      case 'G':
        return this.floatWith(v, verb, -1);
      case 'e':
      case 'E':
        return this.floatWith(v, verb, 6);
      case 'f':
      case 'F':
        return this.floatWith(v, 'f', 6);
      default:
        return this.badVerb(verb, v);
    }
  }

  private floatWith(v: number, verb: 'e' | 'E' | 'f' | 'g' | 'G', defaultPrec: number): void {
    const prec = this.f.precPresent ? this.f.prec : defaultPrec;
    let num = formatFloat(v, verb, prec);
    if (num[0] !== '-' && num[0] !== '+') num = '+' + num;
    if (this.f.space && num[0] === '+' && !this.f.plus) num = ' ' + num.slice(1);
    if (num[1] === 'I' || num[1] === 'N') {
      const oldZero = this.f.zero;
      this.f.zero = false;
      if (num[1] === 'N' && !this.f.space && !this.f.plus) num = num.slice(1);
      this.pad(num);
      this.f.zero = oldZero;
      return;
    }
    if (this.f.sharp) {
      let digits = verb === 'g' || verb === 'G' ? (prec === -1 ? 6 : prec) : 0;
      let body = num;
      let tail = '';
      let hasPoint = false;
      let sawNonzero = false;
      for (let i = 1; i < body.length; i++) {
        const c = body[i];
        if (c === '.') hasPoint = true;
        else if (c === 'e' || c === 'E') {
          tail = body.slice(i);
          body = body.slice(0, i);
          break;
        } else {
          if (c !== '0') sawNonzero = true;
          if (sawNonzero) digits--;
        }
      }
      if (!hasPoint) {
        if (body.length === 2 && body[1] === '0') digits--;
        body += '.';
      }
      if (digits > 0) body += '0'.repeat(digits);
      num = body + tail;
    }
    if (this.f.plus || num[0] !== '+') {
      if (this.f.zero && this.f.widPresent && this.f.wid > num.length) {
        this.buf += num[0];
        this.writePadding(this.f.wid - num.length);
        this.buf += num.slice(1);
        return;
      }
      this.pad(num);
      return;
    }
    this.pad(num.slice(1));
  }

  private truncate(s: string): string {
    if (!this.f.precPresent) return s;
    return [...s].slice(0, Math.max(this.f.prec, 0)).join('');
  }

  private fmtHex(s: string, upper: boolean): void {
    chargeSteps(s.length);
    let bytes = utf8Bytes(s);
    if (this.f.precPresent && this.f.prec < bytes.length) bytes = bytes.subarray(0, this.f.prec);
    const digits = upper ? '0123456789ABCDEF' : '0123456789abcdef';
    const prefix = upper ? '0X' : '0x';
    if (bytes.length === 0) {
      if (this.f.widPresent) this.writePadding(this.f.wid);
      return;
    }
    let out = '';
    if (this.f.sharp && !this.f.space) out += prefix;
    bytes.forEach((b, i) => {
      if (this.f.space && i > 0) out += ' ';
      if (this.f.space && this.f.sharp) out += prefix;
      out += digits[b >> 4]! + digits[b & 15]!;
    });
    const oldZero = this.f.zero;
    this.f.zero = false;
    this.pad(out);
    this.f.zero = oldZero;
  }

  private fmtString(v: string, verb: string): void {
    switch (verb) {
      case 'v':
        if (this.f.sharpV) return this.fmtQ(v);
        return this.pad(this.truncate(v));
      case 's':
        return this.pad(this.truncate(v));
      case 'x':
        return this.fmtHex(v, false);
      case 'X':
        return this.fmtHex(v, true);
      case 'q':
        return this.fmtQ(v);
      default:
        return this.badVerb(verb, v);
    }
  }

  private fmtQ(v: string): void {
    const s = this.truncate(v);
    if (this.f.sharp && canBackquote(s)) return this.pad('`' + s + '`');
    this.pad(this.f.plus ? goQuoteASCII(s) : goQuote(s));
  }

  // --- errors ---

  badVerb(verb: string, arg: unknown): void {
    this.erroring = true;
    this.buf += '%!' + verb + '(';
    if (arg === null || arg === undefined) this.buf += '<nil>';
    else {
      this.buf += typeName(arg) + '=';
      this.printArg(arg, 'v', 0);
    }
    this.buf += ')';
    this.erroring = false;
  }

  // --- values ---

  printArg(arg: unknown, verb: string, depth: number): void {
    // Every operand and element comes through here: what is printed so far stays within the string
    // limit, also for a value that holds the same list many times over.
    checkString(this.buf.length);
    if (arg === null || arg === undefined) {
      if (verb === 'T' || verb === 'v') this.pad('<nil>');
      else this.badVerb(verb, arg);
      return;
    }
    if (verb === 'T') {
      this.fmtString(typeName(arg), 's');
      return;
    }
    if (verb === 'p') {
      this.badVerb(verb, arg);
      return;
    }
    switch (goKind(arg)) {
      case 'bool':
        return this.fmtBool(arg as boolean, verb);
      case 'int':
        return this.fmtInt(arg as bigint, verb);
      case 'float':
        return this.fmtFloat(arg as number, verb);
      case 'string':
        return this.fmtString(arg as string, verb);
      default:
        break;
    }
    if (!this.erroring && !this.f.sharpV && 'vsxXq'.includes(verb)) {
      const stringer = stringerOf(arg);
      if (stringer !== undefined) {
        this.printArg(String(stringer()), verb, depth);
        return;
      }
    }
    switch (goKind(arg)) {
      case 'slice': {
        const items = arg as unknown[];
        chargeSteps(items.length);
        if (this.f.sharpV) this.buf += typeName(arg) + '{';
        else this.buf += '[';
        items.forEach((item, i) => {
          if (i > 0) this.buf += this.f.sharpV ? ', ' : ' ';
          this.printArg(item, verb, depth + 1);
        });
        this.buf += this.f.sharpV ? '}' : ']';
        return;
      }
      case 'map': {
        const map = arg as Record<string, unknown>;
        this.buf += this.f.sharpV ? typeName(arg) + '{' : 'map[';
        sortedKeys(map).forEach((key, i) => {
          if (i > 0) this.buf += this.f.sharpV ? ', ' : ' ';
          this.printArg(key, verb, depth + 1);
          this.buf += ':';
          this.printArg(map[key], verb, depth + 1);
        });
        this.buf += this.f.sharpV ? '}' : ']';
        return;
      }
      case 'struct': {
        if (this.f.sharpV) this.buf += typeName(arg);
        this.buf += '{';
        structFields(arg as object).forEach(([name, value], i) => {
          if (i > 0) this.buf += this.f.sharpV ? ', ' : ' ';
          if (this.f.plusV || this.f.sharpV) this.buf += name + ':';
          this.printArg(value, verb, depth + 1);
        });
        this.buf += '}';
        return;
      }
      case 'func':
        if (verb === 'v') this.pad('0x0');
        else this.badVerb(verb, arg);
        return;
      default:
        this.badVerb(verb, arg);
    }
  }
}
