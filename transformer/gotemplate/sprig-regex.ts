/**
 * sprig regular-expression functions on Go `regexp` semantics (`go-regexp.ts`). The plain
 * variants panic on a bad pattern (an error either way in a template) except `regexMatch`,
 * which returns false; the `must*` variants return the error.
 */
import { defineFunc, type FuncMap } from './funcs.js';
import { compileRegexp, findAll, quoteMeta, replaceAll, split } from './go-regexp.js';
import { withGoType } from './values.js';

function regexMatch(pattern: string, s: string): boolean {
  const re = compileRegexp(pattern);
  return findAll(re, s, 1).length > 0;
}

function regexFind(pattern: string, s: string): string {
  return findAll(compileRegexp(pattern), s, 1)[0]?.[0] ?? '';
}

function regexFindAll(pattern: string, s: string, n: bigint): string[] {
  return withGoType(
    findAll(compileRegexp(pattern), s, Number(n)).map((m) => m[0]),
    '[]string',
  );
}

function regexSplit(pattern: string, s: string, n: bigint): string[] {
  return withGoType(split(compileRegexp(pattern), pattern, s, Number(n)), '[]string');
}

export const sprigRegexFuncs: FuncMap = {
  regexMatch: defineFunc(['string', 'string'], (pattern: string, s: string) => {
    try {
      return regexMatch(pattern, s);
    } catch {
      return false;
    }
  }),
  mustRegexMatch: defineFunc(['string', 'string'], regexMatch),
  regexFind: defineFunc(['string', 'string'], regexFind),
  mustRegexFind: defineFunc(['string', 'string'], regexFind),
  regexFindAll: defineFunc(['string', 'string', 'int'], regexFindAll),
  mustRegexFindAll: defineFunc(['string', 'string', 'int'], regexFindAll),
  regexReplaceAll: defineFunc(['string', 'string', 'string'], (pattern: string, s: string, repl: string) =>
    replaceAll(compileRegexp(pattern), s, repl, false),
  ),
  mustRegexReplaceAll: defineFunc(['string', 'string', 'string'], (pattern: string, s: string, repl: string) =>
    replaceAll(compileRegexp(pattern), s, repl, false),
  ),
  regexReplaceAllLiteral: defineFunc(['string', 'string', 'string'], (pattern: string, s: string, repl: string) =>
    replaceAll(compileRegexp(pattern), s, repl, true),
  ),
  mustRegexReplaceAllLiteral: defineFunc(['string', 'string', 'string'], (pattern: string, s: string, repl: string) =>
    replaceAll(compileRegexp(pattern), s, repl, true),
  ),
  regexSplit: defineFunc(['string', 'string', 'int'], regexSplit),
  mustRegexSplit: defineFunc(['string', 'string', 'int'], regexSplit),
  regexQuoteMeta: defineFunc(['string'], quoteMeta),
};
