/**
 * The pure core of config loading: raw data (from YAML, JSON, JS or a KRM functionConfig)
 * → normalized `InjectConfig`, or results that name the key, the fix and the position.
 * Shape: changesets `packages/config/src/parse.ts` (`validateConfig` → `{ config, warnings, errors }`).
 */
import path from 'node:path';
import type { Document, LineCounter } from 'yaml';
import type * as z from 'zod';
import type { InjectConfig } from '../transformer/inject-config.js';
import { isObject } from '../transformer/kube/objects.js';
import type { ResourceRef, Result } from '../transformer/results.js';
import { expectedPhrase } from './expects.js';
import type { Finding } from './finding.js';
import { describeValue, formatPath, issueMessage, unknownKeyMessage } from './messages.js';
import { normalize } from './normalize.js';
import { runRules } from './rules.js';
import { rcSchema } from './schema.js';
import { allKeyPaths, objectKeysAt, schemaAt, wrapperChain, type Segment } from './schema-walk.js';
import { NO_SOURCE_MAP, yamlSourceMap, type SourceMap } from './source-map.js';
import { suggestKey } from './suggest.js';
import { sortByPosition, toResult } from './to-result.js';

/** Where a raw config came from. Everything is optional: without it results just lack a file and position. */
export interface ConfigSource {
  /** The file the config was read from: results' `file.path`, and the base of relative paths in it. */
  filepath?: string;
  /** The parsed document and its line counter (parse with `lineCounter`), for `file.line`/`file.column`. */
  doc?: Document;
  lineCounter?: LineCounter;
  /** Where the config object sits inside `doc`, e.g. `['mesh-inject']` in package.json. Default: the root. */
  docPath?: Segment[];
  /** Directory that `istio.injector|meshConfig|values` are relative to. Default: the directory of `filepath`. */
  baseDir?: string;
  /** Those files must resolve inside this directory (the repository root), when set. */
  rootDir?: string;
}

export interface ConfigResult {
  /** Present only when there are no errors. */
  config?: InjectConfig;
  errors: Result[];
  warnings: Result[];
}

/** What validation needs to know about a source, once positions are resolved. */
export interface ValidationContext {
  sourceMap: SourceMap;
  filepath?: string;
  baseDir?: string;
  rootDir?: string;
  /** Shown before key paths in messages, e.g. `['spec']` for a MeshInject object. */
  displayPrefix: Segment[];
  resourceRef?: ResourceRef;
}

export function validateConfig(raw: unknown, source: ConfigSource = {}): ConfigResult {
  return validateWithContext(raw, contextFor(source));
}

export function contextFor(source: ConfigSource, docPath: Segment[] = source.docPath ?? []): ValidationContext {
  const sourceMap = source.doc && source.lineCounter ? yamlSourceMap(source.doc, source.lineCounter, docPath) : NO_SOURCE_MAP;
  return {
    sourceMap,
    filepath: source.filepath,
    baseDir: source.baseDir ?? (source.filepath === undefined ? undefined : path.dirname(source.filepath)),
    rootDir: source.rootDir,
    displayPrefix: [],
  };
}

export function validateWithContext(raw: unknown, ctx: ValidationContext): ConfigResult {
  // An rc file holding only comments parses to null: that means "all defaults".
  const input = raw ?? {};
  if (!isObject(input)) {
    const message = `the config must be a mapping of settings, got ${describeValue(input)}; start from .mesh-injectrc.example`;
    return { errors: [toResult('error', message, ctx, ctx.sourceMap.position([]))], warnings: [] };
  }
  const parsed = rcSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) {
    return { errors: sortByPosition(parsed.error.issues.flatMap((issue) => issueResults(issue, ctx))), warnings: [] };
  }
  const normalized = normalize(parsed.data, ctx);
  const findings = normalized.config
    ? [...normalized.findings, ...runRules(normalized.config, { rootDir: ctx.rootDir })]
    : normalized.findings;
  const results = findings.map((f) => findingResult(f, ctx));
  const errors = sortByPosition(results.filter((r) => r.severity === 'error'));
  const warnings = sortByPosition(results.filter((r) => r.severity !== 'error'));
  return errors.length > 0 ? { errors, warnings } : { config: normalized.config, errors, warnings };
}

function issueResults(issue: z.core.$ZodIssue, ctx: ValidationContext): Result[] {
  const path = issue.path.filter((s): s is Segment => typeof s !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const keyPath = [...path, key];
      const siblings = objectKeysAt(rcSchema, path) ?? [];
      const suggestion = suggestKey([...ctx.displayPrefix, ...keyPath], siblings, prefixed(allKeyPaths(rcSchema), ctx));
      const message = unknownKeyMessage([...ctx.displayPrefix, ...keyPath], suggestion, siblings);
      return toResult('error', message, ctx, ctx.sourceMap.position(keyPath, 'key'));
    });
  }
  const chain = wrapperAt(path);
  const message = issueMessage(issue, {
    expected: chain.map(expectedPhrase).find((e) => e !== undefined),
    source: ctx.sourceMap.scalar(path)?.source,
    optional: chain.some((s) => ['default', 'prefault', 'optional'].includes(s._zod.def.type)),
  });
  return [toResult('error', `${formatPath([...ctx.displayPrefix, ...path])}: ${message}`, ctx, ctx.sourceMap.position(path))];
}

function wrapperAt(path: readonly Segment[]): z.ZodType[] {
  const schema = schemaAt(rcSchema, path);
  return schema ? wrapperChain(schema) : [];
}

function prefixed(paths: string[][], ctx: ValidationContext): string[][] {
  const prefix = ctx.displayPrefix.map(String);
  return paths.map((p) => [...prefix, ...p]);
}

function findingResult(finding: Finding, ctx: ValidationContext): Result {
  const message = `${formatPath([...ctx.displayPrefix, ...finding.path])}: ${finding.message}`;
  return toResult(finding.severity, message, ctx, ctx.sourceMap.position(finding.path));
}
