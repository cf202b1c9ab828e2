/**
 * The outline reader (`transformer/yaml/outline/outline.ts`) on chosen texts: what it returns (yaml's own
 * classes in a yaml Document, usable by yaml's `visit` and `toJS`, a line counter), yaml's rules
 * for where trailing comment and blank lines go (each case compared with yaml by the oracle), the
 * framings it reads, and what it leaves to yaml.
 */
import { isMap, isPair, isScalar, isSeq, parseDocument, visit } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readPlainData } from '../../../../transformer/yaml/fast-read/fast-read.js';
import { readOutline } from '../../../../transformer/yaml/outline/outline.js';
import { PARSE_OPTIONS } from '../../../../transformer/yaml/yaml-options.js';
import { outlineAgreesWithYaml } from './oracle.js';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web # the name
  labels: {app: web, tier: "front"}
spec:
  containers:
  - name: web
    image: nginx
    args: [-v, "on"]
    env:
    - name: MODE
      value: |
        a
        b
    - name: EMPTY
      value:
  volumes: []
`;

describe('outline reader', () => {
  it('builds yaml nodes that yaml itself and its helpers read', () => {
    const outline = readOutline(POD)!;
    const root = outline.doc.contents;
    expect(isMap(root)).toBe(true);
    const pairs = isMap(root) ? root.items : [];
    expect(pairs.every((pair) => isPair(pair) && isScalar(pair.key))).toBe(true);
    expect(outline.doc.toJS()).toEqual(parseDocument(POD, PARSE_OPTIONS).toJS());
    expect(outline.data).toEqual(outline.doc.toJS());
    let seqs = 0;
    visit(outline.doc, { Seq: () => void seqs++ });
    expect(seqs).toBe(4);
    expect(outline.lineCounter.linePos(POD.indexOf('image'))).toEqual({ line: 9, col: 5 });
    expect(outlineAgreesWithYaml(POD)).toBe(true);
  });

  it('shapes an empty value as yaml does: a null scalar just past the indicator and its spaces', () => {
    const text = 'a:\nb:   # why\nc:\n- \n-\n';
    const outline = readOutline(text)!;
    const root = outline.doc.contents;
    if (!isMap(root)) throw new Error('not a map');
    const [a, b] = root.items.map((pair) => pair.value);
    expect(isScalar(a) && a.value === null && a.range).toEqual([2, 2, 2]);
    expect(isScalar(b) && b.value === null && b.range![0]).toBe(8);
    expect(outlineAgreesWithYaml(text)).toBe(true);
  });

  // Where yaml ends a node decides where a collection ends (`range[1]` is its last value's `range[2]`).
  it.each([
    ['a comment line deeper than its map, after a scalar', 'a:\n  b: 1\n    # deeper\n\n  # level\nc: 2\n'],
    ['comment lines at the map indent, kept by an indented map', 'a:\n  b: 1\n  # kept\nc: 2\n'],
    ['comment lines at the map indent at the end', 'a:\n  b:\n    c: 1\n    # end\n'],
    ['a shallower comment stops deeper ones from joining the scalar', 'a:\n  b: 1\n# shallow\n    # deep\n  c: 2\n'],
    ['comments after a block scalar', 'a:\n  b: |\n    x\n\n   # not content\n  c: 1\n'],
    ['keep-chomping block scalar', 'a: |+\n  x\n\n# c\nb: 1\n'],
    ['an empty value before the next key, with comments between', 'a:\n  # deep\n\n# shallow\nb: 1\nc:\n# c\nd: 1\ne: # same line\n\nf: 1\n'],
    ['an empty value whose last deep comment is right before the next key', 'a:\n  x:\n     # deep\n  y: 1\n'],
    ['an empty value at the end of a nested map', 'a:\n  b:\n  # c\nd: 1\n'],
    ['an empty sequence entry after left-over comments', '- 1\n# c\n- \n- x\n'],
    ['an empty sequence entry at the end', 'a:\n- 1\n-\n  # c\nb: 2\n'],
    ['a sequence at its key\'s indent', 'a:\n- 1\n  # c\nb:\n- - x\n  - y\n'],
    ['a flow collection over several lines with a comment after it', 'a: [\n  1, {b: c},\n  "d"\n] # end\n   # more\nz: 1\n'],
    ['comment lines before the document and between keys', '# head\n\n# more\na: 1\n# between\nb: 2\n'],
  ])('ends nodes as yaml does: %s', (_, text) => {
    expect(outlineAgreesWithYaml(text)).toBe(true);
  });

  it.each([
    ['CRLF line breaks', 'a: 1\r\nb:\r\n  - x # c\r\n  - |\r\n    y\r\n\r\nc: [1,\r\n  2]\r\n'],
    ['a leading --- line', '---\na: 1\n'],
    ['a leading --- line with a comment, after comment lines', '# file\n\n--- # doc\na: 1\n'],
    ['a closing ... line, comments after it', 'a:\n  b: 1\n  # c\n... # end\n# after\n'],
    ['no final line break', 'a:\n  b: 1\n  c: # x'],
    ['a JSON document', '{\n    "a": [1, 2],\n    "b": {"c": null}\n}\n'],
  ])('reads %s as yaml does', (_, text) => {
    expect(outlineAgreesWithYaml(text)).toBe(true);
  });

  it.each([
    ['an empty document', '# nothing\n'],
    ['a BOM', '\ufeffa: 1\n'],
    ['a lone CR', 'a: 1\rb: 2\n'],
    ['a tab', 'a:\t1\n'],
    ['a directive', '%YAML 1.1\n---\na: 1\n'],
    ['two documents', 'a: 1\n---\nb: 2\n'],
    ['content after ...', 'a: 1\n...\nb: 2\n'],
    ['a --- line after content', 'a: 1\n--- \n'],
    ['content on the --- line', '--- {a: 1}\n'],
    ['an anchor', 'a: &x 1\nb: *x\n'],
    ['a multi-line plain scalar', 'a: b\n  c\n'],
  ])('leaves %s to yaml', (_, text) => {
    expect(readOutline(text)).toBeUndefined();
  });

  it('answers wherever the fast reader does on a non-empty document', () => {
    for (const text of [POD, 'a: 1\n', '- a\n- b: [c]\n', 'k: >-\n  folded\n  text\n']) {
      expect(readPlainData(text).ok).toBe(true);
      expect(outlineAgreesWithYaml(text)).toBe(true);
    }
  });
});
