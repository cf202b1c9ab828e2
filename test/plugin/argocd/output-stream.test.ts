/** The stream generate prints: joined from the rendered parts, then parsed back before it is written. */
import { describe, expect, it } from 'vitest';
import { joinStream, verifyStream } from '../../../plugin/argocd/output-stream.js';
import { CONFIG_MAP, DEPLOYMENT } from './cmp-sandbox.js';

const codes = (text: string, expected: number) => verifyStream(joinStream([{ display: 'a.yaml', text }]), expected).map((r) => r.code);

describe('joinStream', () => {
  it('puts a --- line between parts, ends every part with a newline, drops byte-order marks', () => {
    const joined = joinStream([
      { display: 'a.yaml', text: '\uFEFFapiVersion: v1\nkind: A' },
      { display: 'b.json', text: '{"apiVersion": "v1", "kind": "B"}\n' },
    ]);
    expect(joined.text).toBe('apiVersion: v1\nkind: A\n---\n{"apiVersion": "v1", "kind": "B"}\n');
    expect(joined.starts).toEqual([{ display: 'a.yaml', line: 1 }, { display: 'b.json', line: 4 }]);
  });
});

describe('verifyStream', () => {
  it('passes a stream of objects holding as many objects as were rendered', () => {
    const joined = joinStream([{ display: 'a.yaml', text: CONFIG_MAP }, { display: 'b.yaml', text: `${DEPLOYMENT}---\n# trailing comment\n` }]);
    expect(verifyStream(joined, 2)).toEqual([]);
  });

  it('refuses a stream that does not parse, naming the part it came from', () => {
    const joined = joinStream([{ display: 'a.yaml', text: CONFIG_MAP }, { display: 'b.yaml', text: 'apiVersion: v1\nkind: B\nmetadata: {name: "b}\n' }]);
    const results = verifyStream(joined, 2);
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((r) => r.code === 'verify-failed')).toBe(true);
    expect(results[0]!.message).toContain('b.yaml');
  });

  it('refuses a stream with a duplicate key', () => {
    expect(codes(`${CONFIG_MAP}kind: Secret\n`, 1)).toEqual(['verify-failed']);
  });

  it('refuses a document that is not a Kubernetes object', () => {
    expect(codes(`${CONFIG_MAP}---\nreplicas: 3\n`, 1)).toEqual(['verify-failed']);
  });

  it('refuses a stream without objects (an empty List, nulls, comments)', () => {
    expect(codes('apiVersion: v1\nkind: List\nitems: []\n---\nnull\n---\n# nothing\n', 0)).toEqual(['verify-failed']);
  });

  it('refuses a stream whose object count differs from what was rendered', () => {
    expect(codes(`${CONFIG_MAP}---\n${DEPLOYMENT}`, 1)).toEqual(['verify-failed']);
    expect(codes(`apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: a}\n`, 1)).toEqual([]);
  });

  it('refuses YAML directives', () => {
    expect(codes(`%YAML 1.1\n---\n${CONFIG_MAP}`, 1)).toEqual(['verify-failed']);
  });
});
