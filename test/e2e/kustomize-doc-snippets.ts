/**
 * Executable docs: fenced blocks in docs/*.md marked with an HTML comment right above them,
 *
 *   <!-- test: GROUP file=PATH -->                  a file of the example (written into a temp tree)
 *   <!-- test: GROUP run [cwd=repo] [requires=X] --> a shell command the test runs verbatim (bash)
 *   <!-- test: GROUP expect -->                     text the run's output must contain
 *
 * are read here and handed to the tests that run them. `unexercised()` lists the marked blocks no
 * test asked for and `unmarked()` the yaml/sh blocks without a marker, so a doc example cannot
 * silently stop being tested.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './kustomize-tools.js';

export interface Snippet {
  group: string;
  kind: 'file' | 'run' | 'expect';
  /** For `file`: the path inside the example tree. */
  file?: string;
  cwd?: 'repo';
  requires?: string;
  lang: string;
  text: string;
  line: number;
}

const BLOCK = /^(?:<!-- test: (\S+)((?: [^\n]*?)?) -->\n)?```(\w*)\n([\s\S]*?)^```$/gm;

export class DocSnippets {
  readonly snippets: Snippet[] = [];
  private readonly blocks: { line: number; lang: string; marked: boolean }[] = [];
  private readonly used = new Set<Snippet>();

  constructor(readonly doc: string) {
    const text = readFileSync(join(REPO, doc), 'utf8');
    for (const match of text.matchAll(BLOCK)) {
      const [, group, attributes = '', lang = '', body = ''] = match;
      const line = text.slice(0, match.index).split('\n').length + (group ? 1 : 0);
      this.blocks.push({ line, lang, marked: group !== undefined });
      if (!group) continue;
      const attrs = Object.fromEntries(attributes.trim().split(/\s+/).filter(Boolean).map((a) => (a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, 'true'])));
      const kind = attrs.file ? 'file' : attrs.run ? 'run' : attrs.expect ? 'expect' : undefined;
      if (!kind) throw new Error(`${doc}:${line}: marker for ${group} needs file=PATH, run or expect`);
      this.snippets.push({ group, kind, file: attrs.file, cwd: attrs.cwd as 'repo' | undefined, requires: attrs.requires, lang, text: body, line });
    }
  }

  /** The files of a group, by path. */
  files(group: string): Record<string, string> {
    const files = this.take(group, 'file');
    if (!files.length) throw new Error(`${this.doc}: no file snippets in group ${group}`);
    return Object.fromEntries(files.map((s) => [s.file!, s.text]));
  }

  run(group: string): Snippet {
    return this.one(group, 'run');
  }

  expected(group: string): string {
    return this.one(group, 'expect').text.trimEnd();
  }

  unexercised(): string[] {
    return this.snippets.filter((s) => !this.used.has(s)).map((s) => `${this.doc}:${s.line} (${s.group} ${s.kind})`);
  }

  /** Code blocks that should carry a marker (yaml, sh) but do not. */
  unmarked(): string[] {
    return this.blocks.filter((b) => !b.marked && b.lang !== 'text').map((b) => `${this.doc}:${b.line} (${b.lang || 'no language'})`);
  }

  private one(group: string, kind: Snippet['kind']): Snippet {
    const found = this.take(group, kind);
    if (found.length !== 1) throw new Error(`${this.doc}: expected one ${kind} snippet in group ${group}, found ${found.length}`);
    return found[0]!;
  }

  private take(group: string, kind: Snippet['kind']): Snippet[] {
    const found = this.snippets.filter((s) => s.group === group && s.kind === kind);
    for (const s of found) this.used.add(s);
    return found;
  }
}
