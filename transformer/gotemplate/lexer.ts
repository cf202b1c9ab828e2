/**
 * The `text/template` lexer: text and `{{ }}` actions with trim markers (`{{- ` and ` -}}`),
 * comments, strings, raw strings, character constants, numbers, variables, fields, keywords.
 * Positions are UTF-16 offsets into the template text; lines count from 1.
 */
import { goQuote, isPrint } from './go-quote.js';

export type ItemType =
  | 'error'
  | 'bool'
  | 'char'
  | 'charConstant'
  | 'comment'
  | 'complex'
  | 'assign'
  | 'declare'
  | 'eof'
  | 'field'
  | 'identifier'
  | 'leftDelim'
  | 'leftParen'
  | 'number'
  | 'pipe'
  | 'rawString'
  | 'rightDelim'
  | 'rightParen'
  | 'space'
  | 'string'
  | 'text'
  | 'variable'
  // keywords
  | 'block'
  | 'break'
  | 'continue'
  | 'dot'
  | 'define'
  | 'else'
  | 'end'
  | 'if'
  | 'nil'
  | 'range'
  | 'template'
  | 'with';

export interface Item {
  type: ItemType;
  pos: number;
  val: string;
  line: number;
}

const KEYWORDS: ReadonlySet<ItemType> = new Set<ItemType>([
  'block', 'break', 'continue', 'dot', 'define', 'else', 'end', 'if', 'nil', 'range', 'template', 'with',
]);

const KEYWORD_BY_WORD: ReadonlyMap<string, ItemType> = new Map<string, ItemType>([
  ['block', 'block'],
  ['break', 'break'],
  ['continue', 'continue'],
  ['define', 'define'],
  ['else', 'else'],
  ['end', 'end'],
  ['if', 'if'],
  ['range', 'range'],
  ['nil', 'nil'],
  ['template', 'template'],
  ['with', 'with'],
]);

export function isKeyword(type: ItemType): boolean {
  return KEYWORDS.has(type);
}

const SPACE_CHARS = ' \t\r\n';

function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
}

const ALNUM = /^[\p{L}\p{Nd}_]$/u;

function isAlphaNumeric(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
  return ALNUM.test(ch);
}

/** Go `%#U`: `U+0041 'A'` (the quoted form only for printable runes). */
function formatRuneU(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  const code = 'U+' + cp.toString(16).toUpperCase().padStart(4, '0');
  return isPrint(cp) ? `${code} '${ch}'` : code;
}

interface LexOptions {
  leftDelim: string;
  rightDelim: string;
  emitComment: boolean;
  breakOK: boolean;
  continueOK: boolean;
}

type StateFn = (l: Lexer) => StateFn | undefined;

export class Lexer {
  private pos = 0;
  private start = 0;
  private width = 0;
  private parenDepth = 0;
  private line = 1;
  private startLine = 1;
  private state: StateFn | undefined = lexText;
  private pending: Item | undefined;

  constructor(
    readonly input: string,
    readonly options: LexOptions,
  ) {}

  /** The next item; after an error or EOF it keeps returning EOF. */
  nextItem(): Item {
    while (this.state !== undefined) {
      this.state = this.state(this);
      if (this.pending !== undefined) {
        const item = this.pending;
        this.pending = undefined;
        if (item.type === 'error' || item.type === 'eof') this.state = undefined;
        return item;
      }
    }
    return { type: 'eof', pos: this.pos, val: '', line: this.startLine };
  }

  // --- scanning primitives ---

  next(): string | undefined {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return undefined;
    }
    const unit = this.input.charCodeAt(this.pos);
    const ch = unit >= 0xd800 && unit <= 0xdbff ? String.fromCodePoint(this.input.codePointAt(this.pos) ?? unit) : this.input[this.pos]!;
    this.width = ch.length;
    this.pos += this.width;
    if (ch === '\n') this.line++;
    return ch;
  }

  peek(): string | undefined {
    const ch = this.next();
    this.backup();
    return ch;
  }

  backup(): void {
    this.pos -= this.width;
    if (this.width === 1 && this.input[this.pos] === '\n') this.line--;
  }

  emit(type: ItemType): void {
    this.pending = { type, pos: this.start, val: this.input.slice(this.start, this.pos), line: this.startLine };
    this.start = this.pos;
    this.startLine = this.line;
  }

  ignore(): void {
    this.line += countNewlines(this.input.slice(this.start, this.pos));
    this.start = this.pos;
    this.startLine = this.line;
  }

  accept(valid: string): boolean {
    const ch = this.next();
    if (ch !== undefined && valid.includes(ch)) return true;
    this.backup();
    return false;
  }

  acceptRun(valid: string): void {
    for (;;) {
      const ch = this.next();
      if (ch === undefined || !valid.includes(ch)) break;
    }
    this.backup();
  }

  errorf(message: string): undefined {
    this.pending = { type: 'error', pos: this.start, val: message, line: this.startLine };
    return undefined;
  }

  // --- state helpers ---

  atRightDelim(): { delim: boolean; trim: boolean } {
    const { input, pos } = this;
    if (hasRightTrimMarker(input, pos) && input.startsWith(this.options.rightDelim, pos + 2)) return { delim: true, trim: true };
    if (input.startsWith(this.options.rightDelim, pos)) return { delim: true, trim: false };
    return { delim: false, trim: false };
  }

  atTerminator(): boolean {
    const r = this.peek();
    if (r === undefined || isSpace(r)) return true;
    if ('.,|:)('.includes(r)) return true;
    return this.options.rightDelim.startsWith(r);
  }

  scanNumber(): boolean {
    this.accept('+-');
    let digits = '0123456789_';
    if (this.accept('0')) {
      if (this.accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (this.accept('oO')) digits = '01234567_';
      else if (this.accept('bB')) digits = '01_';
    }
    this.acceptRun(digits);
    if (this.accept('.')) this.acceptRun(digits);
    if (digits.length === 11 && this.accept('eE')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    if (digits.length === 23 && this.accept('pP')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    this.accept('i');
    if (isAlphaNumeric(this.peek())) {
      this.next();
      return false;
    }
    return true;
  }

  // Accessors for the state functions (kept on the class so state stays private).
  setParenDepth(n: number): void {
    this.parenDepth = n;
  }
  getParenDepth(): number {
    return this.parenDepth;
  }
  getPos(): number {
    return this.pos;
  }
  setPos(pos: number): void {
    this.pos = pos;
  }
  getStart(): number {
    return this.start;
  }
  addLines(n: number): void {
    this.line += n;
  }
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** `- ` (a dash and a Go space) at `at`: the marker after a left delimiter. */
function hasLeftTrimMarker(s: string, at: number): boolean {
  return s[at] === '-' && isSpace(s[at + 1]);
}

/** ` -` at `at`: the marker before a right delimiter. */
function hasRightTrimMarker(s: string, at: number): boolean {
  return isSpace(s[at]) && s[at + 1] === '-';
}

function rightTrimLength(s: string): number {
  let n = 0;
  while (n < s.length && SPACE_CHARS.includes(s[s.length - 1 - n] ?? '')) n++;
  return n;
}

function leftTrimLength(s: string, from: number): number {
  let n = 0;
  while (from + n < s.length && SPACE_CHARS.includes(s[from + n] ?? '')) n++;
  return n;
}

// --- state functions ---

function lexText(l: Lexer): StateFn | undefined {
  const { leftDelim } = l.options;
  const found = l.input.indexOf(leftDelim, l.getPos());
  if (found >= 0) {
    l.setPos(found);
    let trimLength = 0;
    if (hasLeftTrimMarker(l.input, l.getPos() + leftDelim.length)) {
      trimLength = rightTrimLength(l.input.slice(l.getStart(), l.getPos()));
    }
    l.setPos(l.getPos() - trimLength);
    if (l.getPos() > l.getStart()) {
      l.addLines(countNewlines(l.input.slice(l.getStart(), l.getPos())));
      l.emit('text');
    }
    l.setPos(l.getPos() + trimLength);
    l.ignore();
    return lexLeftDelim;
  }
  l.setPos(l.input.length);
  if (l.getPos() > l.getStart()) {
    l.addLines(countNewlines(l.input.slice(l.getStart(), l.getPos())));
    l.emit('text');
    return lexEOF;
  }
  l.emit('eof');
  return undefined;
}

function lexEOF(l: Lexer): StateFn | undefined {
  l.emit('eof');
  return undefined;
}

function lexLeftDelim(l: Lexer): StateFn | undefined {
  l.setPos(l.getPos() + l.options.leftDelim.length);
  const trimSpace = hasLeftTrimMarker(l.input, l.getPos());
  const afterMarker = trimSpace ? 2 : 0;
  if (l.input.startsWith('/*', l.getPos() + afterMarker)) {
    l.setPos(l.getPos() + afterMarker);
    l.ignore();
    return lexComment;
  }
  l.emit('leftDelim');
  l.setPos(l.getPos() + afterMarker);
  l.ignore();
  l.setParenDepth(0);
  return lexInsideAction;
}

function lexComment(l: Lexer): StateFn | undefined {
  l.setPos(l.getPos() + 2);
  const end = l.input.indexOf('*/', l.getPos());
  if (end < 0) return l.errorf('unclosed comment');
  l.setPos(end + 2);
  const { delim, trim } = l.atRightDelim();
  if (!delim) return l.errorf('comment ends before closing delimiter');
  const emitted = l.options.emitComment;
  if (emitted) l.emit('comment');
  if (trim) l.setPos(l.getPos() + 2);
  l.setPos(l.getPos() + l.options.rightDelim.length);
  if (trim) l.setPos(l.getPos() + leftTrimLength(l.input, l.getPos()));
  l.ignore();
  return lexText;
}

function lexRightDelim(l: Lexer): StateFn | undefined {
  const { trim } = l.atRightDelim();
  if (trim) {
    l.setPos(l.getPos() + 2);
    l.ignore();
  }
  l.setPos(l.getPos() + l.options.rightDelim.length);
  l.emit('rightDelim');
  if (trim) {
    l.setPos(l.getPos() + leftTrimLength(l.input, l.getPos()));
    l.ignore();
  }
  return lexText;
}

function lexInsideAction(l: Lexer): StateFn | undefined {
  const { delim } = l.atRightDelim();
  if (delim) {
    if (l.getParenDepth() === 0) return lexRightDelim;
    return l.errorf('unclosed left paren');
  }
  const r = l.next();
  if (r === undefined) return l.errorf('unclosed action');
  if (isSpace(r)) {
    l.backup();
    return lexSpace;
  }
  switch (r) {
    case '=':
      l.emit('assign');
      return lexInsideAction;
    case ':':
      if (l.next() !== '=') return l.errorf('expected :=');
      l.emit('declare');
      return lexInsideAction;
    case '|':
      l.emit('pipe');
      return lexInsideAction;
    case '"':
      return lexQuote;
    case '`':
      return lexRawQuote;
    case '$':
      return lexVariable;
    case "'":
      return lexChar;
    case '(':
      l.emit('leftParen');
      l.setParenDepth(l.getParenDepth() + 1);
      return lexInsideAction;
    case ')':
      l.emit('rightParen');
      l.setParenDepth(l.getParenDepth() - 1);
      if (l.getParenDepth() < 0) return l.errorf(`unexpected right paren ${formatRuneU(r)}`);
      return lexInsideAction;
  }
  if (r === '.') {
    const nextCh = l.input[l.getPos()];
    if (nextCh !== undefined && (nextCh < '0' || nextCh > '9')) return lexField;
  }
  if (r === '.' || r === '+' || r === '-' || (r >= '0' && r <= '9')) {
    l.backup();
    return lexNumber;
  }
  if (isAlphaNumeric(r)) {
    l.backup();
    return lexIdentifier;
  }
  const cp = r.codePointAt(0) ?? 0;
  if (cp >= 0x20 && cp < 0x7f) {
    l.emit('char');
    return lexInsideAction;
  }
  return l.errorf(`unrecognized character in action: ${formatRuneU(r)}`);
}

function lexSpace(l: Lexer): StateFn | undefined {
  let numSpaces = 0;
  while (isSpace(l.peek())) {
    l.next();
    numSpaces++;
  }
  const at = l.getPos() - 1;
  if (hasRightTrimMarker(l.input, at) && l.input.startsWith(l.options.rightDelim, at + 2)) {
    l.backup();
    if (numSpaces === 1) return lexRightDelim;
  }
  l.emit('space');
  return lexInsideAction;
}

function lexIdentifier(l: Lexer): StateFn | undefined {
  for (;;) {
    const r = l.next();
    if (isAlphaNumeric(r)) continue;
    l.backup();
    const word = l.input.slice(l.getStart(), l.getPos());
    if (!l.atTerminator()) return l.errorf(`bad character ${formatRuneU(r ?? '')}`);
    const keyword = KEYWORD_BY_WORD.get(word);
    if (keyword !== undefined) {
      if ((keyword === 'break' && !l.options.breakOK) || (keyword === 'continue' && !l.options.continueOK)) {
        l.emit('identifier');
      } else l.emit(keyword);
    } else if (word === 'true' || word === 'false') l.emit('bool');
    else l.emit('identifier');
    return lexInsideAction;
  }
}

function lexField(l: Lexer): StateFn | undefined {
  return lexFieldOrVariable(l, 'field');
}

function lexVariable(l: Lexer): StateFn | undefined {
  if (l.atTerminator()) {
    l.emit('variable');
    return lexInsideAction;
  }
  return lexFieldOrVariable(l, 'variable');
}

function lexFieldOrVariable(l: Lexer, type: 'field' | 'variable'): StateFn | undefined {
  if (l.atTerminator()) {
    l.emit(type === 'variable' ? 'variable' : 'dot');
    return lexInsideAction;
  }
  let r: string | undefined;
  for (;;) {
    r = l.next();
    if (!isAlphaNumeric(r)) {
      l.backup();
      break;
    }
  }
  if (!l.atTerminator()) return l.errorf(`bad character ${formatRuneU(r ?? '')}`);
  l.emit(type);
  return lexInsideAction;
}

function lexChar(l: Lexer): StateFn | undefined {
  for (;;) {
    const r = l.next();
    if (r === '\\') {
      const e = l.next();
      if (e !== undefined && e !== '\n') continue;
      return l.errorf('unterminated character constant');
    }
    if (r === undefined || r === '\n') return l.errorf('unterminated character constant');
    if (r === "'") break;
  }
  l.emit('charConstant');
  return lexInsideAction;
}

function lexNumber(l: Lexer): StateFn | undefined {
  if (!l.scanNumber()) return l.errorf(`bad number syntax: ${goQuote(l.input.slice(l.getStart(), l.getPos()))}`);
  const sign = l.peek();
  if (sign === '+' || sign === '-') {
    if (!l.scanNumber() || l.input[l.getPos() - 1] !== 'i') {
      return l.errorf(`bad number syntax: ${goQuote(l.input.slice(l.getStart(), l.getPos()))}`);
    }
    l.emit('complex');
  } else l.emit('number');
  return lexInsideAction;
}

function lexQuote(l: Lexer): StateFn | undefined {
  for (;;) {
    const r = l.next();
    if (r === '\\') {
      const e = l.next();
      if (e !== undefined && e !== '\n') continue;
      return l.errorf('unterminated quoted string');
    }
    if (r === undefined || r === '\n') return l.errorf('unterminated quoted string');
    if (r === '"') break;
  }
  l.emit('string');
  return lexInsideAction;
}

function lexRawQuote(l: Lexer): StateFn | undefined {
  for (;;) {
    const r = l.next();
    if (r === undefined) return l.errorf('unterminated raw quoted string');
    if (r === '`') break;
  }
  l.emit('rawString');
  return lexInsideAction;
}
