/**
 * Template errors with Go's wording and position:
 *
 * - parse: `template: NAME:LINE: message` (Go reports only the line; `column` is still filled in)
 * - exec:  `template: NAME:LINE:COL: executing "TEMPLATE" at <NODE>: message`
 *
 * `column` follows Go: the byte offset of the node within its line, counting from 0.
 */
import type { TemplateLimit } from './limits.js';
import { byteLength } from './utf8.js';

export type TemplateErrorKind = 'parse' | 'exec';

interface TemplateErrorInit {
  kind: TemplateErrorKind;
  /** The name of the top-level template whose text holds the position (Go's ParseName). */
  template: string;
  line: number;
  column: number;
  /** Executing template (exec errors). */
  executing?: string;
  /** The node being evaluated, as Go prints it (exec errors). */
  context?: string;
  /** The error text after the location prefix. */
  detail: string;
  /** The execution limit that stopped the run (`limits.ts`), when one did. */
  limit?: TemplateLimit;
}

export class TemplateError extends Error {
  readonly kind: TemplateErrorKind;
  readonly template: string;
  readonly line: number;
  readonly column: number;
  readonly executing: string | undefined;
  readonly context: string | undefined;
  readonly detail: string;
  readonly limit: TemplateLimit | undefined;

  constructor(init: TemplateErrorInit, message: string) {
    super(message);
    this.name = 'TemplateError';
    this.kind = init.kind;
    this.template = init.template;
    this.line = init.line;
    this.column = init.column;
    this.executing = init.executing;
    this.context = init.context;
    this.detail = init.detail;
    this.limit = init.limit;
  }
}

interface Location {
  line: number;
  column: number;
}

/** Line (from 1) and Go byte column (from 0) of UTF-16 offset `pos` in `text`. */
export function locate(text: string, pos: number): Location {
  const before = text.slice(0, pos);
  const lastNewline = before.lastIndexOf('\n');
  let line = 1;
  for (let i = before.indexOf('\n'); i !== -1; i = before.indexOf('\n', i + 1)) line++;
  return { line, column: byteLength(before.slice(lastNewline + 1)) };
}

/**
 * Thrown by functions called from a template: the executor reports it as
 * `error calling NAME: message`, like a Go function returning a non-nil error.
 */
export class GoFuncError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoFuncError';
  }
}
