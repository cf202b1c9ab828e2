/** Parses one YAML document with Kubernetes' scalar rules and maps parser errors to results. */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Alias, type Document } from 'yaml';
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

/** One manifest document (Kubernetes scalar rules), with the parser's errors as positioned problems. */
export function parseManifest(text: string): { parsed: ParsedDocument; problems: ParseProblem[] } {
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

/**
 * Plain data of the document; throws a ParseProblem-shaped error when the parser's data cannot be
 * built: an alias without its anchor (at the alias), an alias bomb, or a malformed merge key.
 */
export function toPlainData(doc: Document.Parsed): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    throw dataProblem(doc, error as Error);
  }
}

function dataProblem(doc: Document.Parsed, error: Error): ParseProblem {
  const alias = firstUnresolvedAlias(doc);
  if (alias) {
    const name = alias.source;
    return { code: 'yaml-syntax', message: `alias *${name} has no anchor &${name} before it; define the anchor before the alias, or write the value in place of the alias`, offset: alias.range?.[0] ?? 0 };
  }
  if (error instanceof ReferenceError) {
    return { code: 'yaml-alias-limit', message: `${error.message}; expand the aliases or use fewer of them (limit ${MAX_ALIAS_COUNT})`, offset: 0 };
  }
  return { code: 'yaml-syntax', message: `${error.message}; ${FIXES['yaml-syntax']}`, offset: badMergeKeyOffset(doc) ?? 0 };
}

/** Where the first merge key (`<<`) whose value is not a map, an alias or a list of those is. */
function badMergeKeyOffset(doc: Document.Parsed): number | undefined {
  const mergeable = (node: unknown) => isMap(node) || isAlias(node);
  let offset: number | undefined;
  visit(doc, {
    Pair: (_key, pair) => {
      if (!isScalar(pair.key) || typeof pair.key.value !== 'symbol') return undefined;
      const value = pair.value;
      if (mergeable(value) || (isSeq(value) && value.items.every(mergeable))) return undefined;
      offset = pair.key.range?.[0];
      return visit.BREAK;
    },
  });
  return offset;
}

/** The first alias (in document order) that no earlier anchor defines. */
function firstUnresolvedAlias(doc: Document.Parsed): Alias | undefined {
  const anchors = new Set<string>();
  let unresolved: Alias | undefined;
  visit(doc, {
    Node: (_key, node) => {
      if (isAlias(node)) {
        if (!anchors.has(node.source)) {
          unresolved = node;
          return visit.BREAK;
        }
      } else if (node.anchor) anchors.add(node.anchor);
      return undefined;
    },
  });
  return unresolved;
}
