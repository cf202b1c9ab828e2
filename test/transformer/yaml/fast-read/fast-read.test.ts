/**
 * The fast YAML reader (`transformer/yaml/fast-read/fast-read.ts`) on named cases: what template output
 * looks like (whitespace-only lines, deep block scalars, multi-line flow maps), what it must
 * decline, and every template output of Istio's conformance corpus, each checked against yaml.
 */
import { describe, expect, it, vi } from 'vitest';
import { Template } from '../../../../transformer/gotemplate/template.js';
import { renderWithTemplates } from '../../../../transformer/mesh/istio-templates/index.js';
import { readPlainData } from '../../../../transformer/yaml/fast-read/fast-read.js';
import { clusterInputsFor, knobsFor } from '../../mesh/istio-templates/corpus-inputs.js';
import { loadCases, readCorpusFile, workloadPods } from '../../../conformance/istio-corpus.js';
import { ISTIO_CORPUS } from '../../../helpers/shared-data.js';
import { agreesWithYaml, readWithYaml } from './oracle.js';

/** The fast reader answers, and with yaml's value. */
function expectRead(text: string): unknown {
  expect(agreesWithYaml(text)).toBe(true);
  return (readPlainData(text) as { value: unknown }).value;
}

const TEMPLATE_LIKE = `


metadata:
  labels:
    security.istio.io/tlsMode: "istio"
  annotations: {
    istio.io/rev: "default",
    kubectl.kubernetes.io/default-container: "app",
  }
spec:
  initContainers:
  
  - name: istio-init
  
    args:
    - "-u"
    -  "1337" 
    - "-x"
    - ""
    
    resources:
  
      limits:
        cpu: 2000m
      
  containers:
  - name: istio-proxy
    env:
    - name: PROXY_CONFIG
      value: |
             {}
    - name: ISTIO_META_POD_PORTS
      value: |-
        [
            {"name":"http","containerPort":8080}
        ]
    - name: ISTIO_META_OWNER
      value: kubernetes://apis/apps/v1/namespaces/team-0/deployments/svc-0
    
    # SDS channel between istioagent and Envoy
    - name: X
      value: $(POD_NAMESPACE).svc
  volumes:
  - emptyDir:
    name: workload-socket
  - name: istio-data
    emptyDir: {}
`;

describe('fast YAML reader: template-shaped input', () => {
  it('reads a template-like output as yaml does', () => {
    const value = expectRead(TEMPLATE_LIKE) as any;
    expect(value.spec.containers[0].env[0].value).toBe('{}\n');
    expect(value.spec.containers[0].env[1].value).toBe('[\n    {"name":"http","containerPort":8080}\n]');
    expect(value.spec.initContainers[0].args).toEqual(['-u', '1337', '-x', '']);
    expect(value.metadata.annotations).toEqual({ 'istio.io/rev': 'default', 'kubectl.kubernetes.io/default-container': 'app' });
  });

  it.each([
    ['whitespace-only lines between entries', 'a:\n  \n  b: 1\n      \n  c: 2\n \n'],
    ['block scalar indented deeper than usual', 'a:\n  value: |\n             {}\n  b: 1\n'],
    ['block scalar with nested indentation', 'value: |-\n  [\n      {"name": 1}\n  ]\nnext: x\n'],
    ['multi-line flow map with trailing comma', 'annotations: {\n  istio.io/rev: "default",\n  a/b: "app",\n}\n'],
    ['flow closer at the key indent in a compact mapping', '- a: {\n    b: 1,\n  }\n'],
    ['compact sequence of mappings', '- name: a\n  image: b\n- name: c\n'],
    ['compact mapping indented further', '-   name: a\n    image: b\n'],
    ['sequence not indented under its key', 'args:\n- a\n- b\nnext: 1\n'],
    ['nested compact sequences', '- - a\n  - b\n- - c\n'],
    ['comments after values', 'a: 1 # one\nb: x # two\nc: "q" # three\nd: \'s\'  # four\ne: [1] # five\n'],
    ['comments between entries at any indent', 'a:\n  b: 1\n# c\n      # d\n  e: 2\n'],
    ['a quoted entry with trailing spaces', 'args:\n-  "1337" \n- "x"   \n'],
    ['empty values', 'a:\nb: \nc: # c\n- x\nd:\n'],
    ['null sequence entries', '- \n-\n- # c\n- a\n'],
    ['`#` inside plain scalars', 'a: b#c\nc: "#"\n'],
    ['flow collections', 'a: []\nb: {}\nc: [a, "b", \'c\', [d, {e: f}], 1, ~]\nd: {"x": 1, y: [2]}\n'],
    ['multi-line flow sequence', 'a: [\n  1,\n  "two",\n  [3],\n]\n'],
    ['double-quoted escapes', 'a: "tab\\there \\"q\\" \\\\ \\u00e9 \\x41 \\U0001F600 \\/ \\0 \\e \\N \\_"\n'],
    ['single-quoted quotes', "a: 'it''s'\nb: ''\n"],
    ['block scalar styles', 'a: |\n  x\n\n  y\n\nb: |-\n  x\n\nc: |+\n  x\n\n\nd: >\n  x\n  y\n\n  z\n   w\n  v\ne: >-\n  x\nf: >+\n  x\n\ng: 1\n'],
    ['block scalar with leading blank lines and comment-like content', 'a: |\n\n  # not a comment\n  x\n'],
    ['block scalar in a sequence', '- |\n  x\n- >-\n   y\n'],
    ['YAML 1.1 scalars', 'a: yes\nb: On\nc: n\nd: 0644\ne: 0x1F\nf: 0b101\ng: 1_000\nh: 1e3\ni: 1.\nj: .5\nk: .inf\nl: -.Inf\nm: .nan\nn: -0\no: +12\np: 08\nq: 0o17\nr: 2000m\ns: ~\nt: Null\nu: 12345678901234567890\nv: e3\n'],
    ['keys resolved then stringified', '0x10: a\nyes: b\n~: c\n1.5: d\n"quoted key": e\n\'single\': f\n'],
    ['a document that is only null', 'null\n'],
    ['a document that is only a tilde', '~'],
    ['an empty document', ''],
    ['only blank lines', '\n  \n\n'],
    ['only comments', '# a\n  # b\n'],
    ['a top-level scalar', '"just a string"\n'],
    ['a top-level flow sequence', '[1, 2]\n'],
    ['an indented top-level mapping', '  a: 1\n  b: 2\n'],
    ['a scalar on its own line below its key', 'a:\n  b\nc:\n  "d"\n'],
    ['an empty flow collection below its key', 'a:\n  []\n'],
  ])('%s', (_, text) => {
    expectRead(text);
  });

  it('gives yaml’s empty-document value', () => {
    expect(readPlainData('')).toEqual({ ok: true, value: readWithYaml('').value });
    expect(readPlainData('# only\n')).toEqual({ ok: true, value: null });
  });
});

describe('fast YAML reader: key cache, `:` and comment searches', () => {
  it.each([
    ['YAML 1.1 words and numbers as keys', 'on: a\nnull: c\nNo: d\n0x1F: f\n1_0: g\n.5: h\n-.inf: i\ne3: j\n'],
    ['one-letter booleans as keys', 'y: b\nOFF: e\n'],
    ['a tilde key', '~: a\nb: 1\n'],
    ['keys that look like words but are strings', 'name: a\nnone: b\nyess: c\non1: d\nonly: e\ntype: f\nenv: g\nexec: h\n'],
    ['quoted keys that would resolve if plain', '"on": a\n\'1\': b\n"~": c\n"": d\n'],
    ['a plain key with a `:` inside', 'a:b: c\nhttp://x:80/y: d\n'],
    ['a plain value with `:` and `#` inside', 'a: b:c\nd: e#f\ng: h:i#j # k\n'],
    ['a comment mark before a would-be key `:` (a plain scalar and a comment)', 'a #b: c\n'],
    ['comments before and after keys', '# a: b\na: 1 # b: c\n  # c: d\nb: x #: y\n'],
    ['the same keys in many mappings (cache hits)', '- name: a\n  value: b\n- name: c\n  value: d\n- value: e\n  name: f\n'],
    ['keys of every length up to the cache limit and beyond', Array.from({ length: 80 }, (_, i) => `${'k'.repeat(i + 1)}: ${i}`).join('\n') + '\n'],
    ['many distinct keys (cache slots reused)', Array.from({ length: 2000 }, (_, i) => `key${i}: ${i}`).join('\n') + '\n'],
    ['keys that differ only in the middle', 'abcXdef: 1\nabcYdef: 2\nabcXdef2: 3\n'],
  ])('%s', (_, text) => {
    expectRead(text);
    expectRead(text); // again, with the key cache warm
  });

  it.each([
    ['`on` and `yes` both naming "true"', 'on: a\nyes: b\n'],
    ['`~` and `null` both naming ""', '~: a\nnull: b\n'],
    ['`0x1` and `1` both naming "1"', '0x1: a\n1: b\n'],
    ['a cached key repeated', 'name: a\nname: b\n'],
    ['a plain value with `: ` inside', 'a: b: c\n'],
    ['a plain value ending in `:` before a comment', 'a: b: # c\n'],
  ])('declines %s', (_, text) => {
    expect(readPlainData(text)).toEqual({ ok: false });
  });
});

describe('fast YAML reader: declines what it does not know (yaml decides)', () => {
  it.each([
    ['duplicate keys', 'a: 1\na: 2\n'],
    ['keys equal once resolved', '1: a\n01: b\n'],
    ['a plain and a quoted key naming the same property', 'a: 1\n"a": 2\n'],
    ['duplicate keys in a flow map', 'a: {b: 1, b: 2}\n'],
    ['anchors and aliases', 'a: &x 1\nb: *x\n'],
    ['tags', 'a: !!str 1\n'],
    ['merge keys', 'a: {x: 1}\n<<: {y: 2}\n'],
    ['explicit keys', '? a\n: b\n'],
    ['tabs as indentation', 'a:\n\tb: 1\n'],
    ['tabs anywhere', 'a: "x\ty"\n'],
    ['CRLF line breaks', 'a: 1\r\nb: 2\r\n'],
    ['a byte-order mark', '\ufeffa: 1\n'],
    ['a document start marker', '---\na: 1\n'],
    ['a second document', 'a: 1\n---\nb: 2\n'],
    ['a document end marker', 'a: 1\n...\n'],
    ['directives', '%YAML 1.1\n---\na: 1\n'],
    ['multi-line plain scalars', 'a: b\n  c\n'],
    ['multi-line quoted scalars', 'a: "b\n  c"\n'],
    ['`__proto__` keys', '__proto__: 1\n'],
    ['block scalar indentation indicators', 'a: |2\n   x\n'],
    ['keep-chomped block scalars at the end of the text', 'a: |+\n  x\n\n'],
    ['block scalars with lines of spaces deeper than their content', 'a: |\n  x\n      \nb: 1\n'],
    ['a key with a space before its colon', 'a : 1\n'],
    ['comments inside flow collections', 'a: [\n  1, # one\n  2,\n]\n'],
    ['flow keys without values', 'a: {b}\n'],
    ['pairs in flow sequences', 'a: [b: 1]\n'],
    ['invalid: mapping on a value line', 'a: b: c\n'],
    ['invalid: comment glued to a quoted scalar', 'a: "b"#c\n'],
    ['invalid: bad indentation', 'a:\n  b: 1\n c: 2\n'],
    ['invalid: sequence then mapping', '- a\nb: 1\n'],
    ['invalid: block scalar content at the mapping indent', '- a: |\n  x\n'],
    ['invalid: unterminated flow collection', 'a: [1, 2\n'],
  ])('%s', (_, text) => {
    expect(readPlainData(text)).toEqual({ ok: false });
  });
});

describe('fast YAML reader: yaml quirks it steps around', () => {
  it('declines a scalar below its indicator after a comment line (yaml reads on past the next entry)', () => {
    const text = '  -\n#x\n   a\n  - b\n';
    expect(readWithYaml(text)).toEqual({ clean: true, value: ['a - b'] });
    expect(readPlainData(text)).toEqual({ ok: false });
  });

  it('declines merge keys, which make toJS throw', () => {
    expect(() => readWithYaml('<<: 1\n')).toThrow();
    expect(readPlainData('<<: 1\n')).toEqual({ ok: false });
  });
});

/** The raw text of every template run while rendering each case's workloads (as template mode does). */
function corpusTemplateOutputs(): string[] {
  const outputs = new Set<string>();
  const execute = Template.prototype.execute;
  const spy = vi.spyOn(Template.prototype, 'execute').mockImplementation(function (this: Template, data: unknown) {
    const text = execute.call(this, data);
    outputs.add(text);
    return text;
  });
  try {
    const extraKinds = [{ apiVersion: 'v1', kind: 'DeploymentConfig', podTemplate: 'spec.template' }];
    for (const c of loadCases()) {
      for (const input of workloadPods(readCorpusFile(c.input), extraKinds, '')) {
        renderWithTemplates({
          pod: structuredClone(input.pod),
          workload: input.workload,
          inputs: clusterInputsFor(c.config, c.meshOverlay),
          knobs: knobsFor(c, input.workload.namespace),
          podPath: input.podPath,
        });
      }
    }
  } finally {
    spy.mockRestore();
  }
  return [...outputs];
}

describe.skipIf(!ISTIO_CORPUS.found)('fast YAML reader on Istio conformance template output', () => {
  it('reads every output as yaml does, nearly all on the fast path', () => {
    const outputs = corpusTemplateOutputs();
    expect(outputs.length).toBeGreaterThan(50);
    const declined = outputs.filter((text) => !agreesWithYaml(text));
    console.log(`fast reader: ${outputs.length - declined.length}/${outputs.length} distinct template outputs of the corpus`);
    expect(declined.length).toBeLessThanOrEqual(outputs.length * 0.02);
  });
});
