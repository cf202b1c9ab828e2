/** Parses one YAML document with Kubernetes' scalar rules and maps parser errors to results. */
import { LineCounter, parseDocument, type Document } from 'yaml';
import { PARSE_OPTIONS, MAX_ALIAS_COUNT } from './yaml-options.js';
import type { ResultCode } from '../results.js';

export interface ParsedDocument {
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

export interface ParseProblem {
  code: ResultCode;
  message: string;
  offset: number;
}

const CODES: Record<string, ResultCode> = {
  DUPLICATE_KEY: 'yaml-duplicate-key',
  TAB_AS_INDENT: 'yaml-tab-indent',
};

const FIXES: Partial<Record<ResultCode, string>> = {
  'yaml-duplicate-key': 'remove one of the two entries',
  'yaml-tab-indent': 'indent with spaces, not tabs',
  'yaml-syntax': 'fix the YAML syntax',
};

export function parseYaml(text: string): { parsed: ParsedDocument; problems: ParseProblem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { ...PARSE_OPTIONS, lineCounter });
  const problems = doc.errors.map((error) => {
    const code = CODES[error.code] ?? 'yaml-syntax';
    const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    const quote = /^Missing closing (["'])quote/.exec(message)?.[1];
    if (quote) {
      // The parser notices at the end of the document; point at the quote that was never closed.
      const opening = text.lastIndexOf(quote, error.pos[0] - 1);
      return { code, message: `unclosed ${quote} quote; add the closing ${quote} or remove the opening one`, offset: opening === -1 ? error.pos[0] : opening };
    }
    return { code, message: `${message}; ${FIXES[code]}`, offset: error.pos[0] };
  });
  return { parsed: { doc, lineCounter }, problems };
}

/** Plain data of the document; throws a ParseProblem-shaped error on alias bombs. */
export function toPlainData(doc: Document.Parsed): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const problem: ParseProblem = {
      code: 'yaml-alias-limit',
      message: `${(error as Error).message}; expand the aliases or use fewer of them (limit ${MAX_ALIAS_COUNT})`,
      offset: 0,
    };
    throw problem;
  }
}
