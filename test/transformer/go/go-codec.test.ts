/**
 * The Go round trip kube-inject puts every known object through: quantities, times, zero
 * structs, omitempty, dropped fields, sigs.k8s.io/yaml's string coercion and encoding/json's
 * errors. The last test reads every Go-written golden of Istio's kube-inject suite back through
 * decode + marshal and must reproduce it byte for byte.
 */
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { marshalYAML } from '../../../transformer/gotemplate/yaml-marshal.js';
import { GoDecodeError, decodeAndMarshal } from '../../../transformer/go/go-decode.js';
import { canonicalQuantity, QuantityError } from '../../../transformer/go/go-quantity.js';
import { canonicalTime } from '../../../transformer/go/go-time.js';
import { GO_ROOTS, GO_STRUCTS } from '../../../transformer/go/go-types.generated.js';
import { parseGoType } from '../../../transformer/go/go-schema.js';
import { splitStream } from '../../../transformer/kube-inject/split-stream.js';
import { PARSE_OPTIONS } from '../../../transformer/yaml/yaml-options.js';
import { readCorpusFile } from '../../conformance/istio-corpus.js';
import { ISTIO_CORPUS } from '../../helpers/shared-data.js';
import { conformanceCases } from '../kube-inject/istio-case-inputs.js';

const yaml = (text: string): unknown => parseDocument(text, { ...PARSE_OPTIONS, intAsBigInt: true }).toJS();
const roundTrip = (text: string, type = 'apps.Deployment') => decodeAndMarshal(yaml(text), type, { fromYaml: true });

describe('resource.Quantity as Go writes it back', () => {
  it.each([
    ['2000m', '2'],
    ['4000m', '4'],
    ['1000m', '1'],
    ['1024Mi', '1Gi'],
    ['2048Ki', '2Mi'],
    ['1.5Gi', '1536Mi'],
    ['0.5Gi', '512Mi'],
    ['0.5', '500m'],
    ['.5', '500m'],
    ['1.5', '1500m'],
    ['-1.5', '-1500m'],
    ['1000', '1k'],
    ['1e2', '100'],
    ['0.0', '0'],
    ['0m', '0'],
    ['0.0000000001', '1n'],
  ])('%s is canonicalised to %s', (written, expected) => {
    expect(canonicalQuantity(written)).toBe(expected);
  });

  it.each(['100m', '100Mi', '128Mi', '1Gi', '1023Ki', '1e3', '1e-3', '12e6', '+1', '0', '1', '1500', '15001'])('%s is kept as written', (written) => {
    expect(canonicalQuantity(written)).toBe(written);
  });

  it.each(['abc', '1x', '', '1.2.3', '--1', '1K'])('%j is refused', (written) => {
    expect(() => canonicalQuantity(written)).toThrow(QuantityError);
  });
});

describe('metav1.Time as Go writes it back', () => {
  it('writes UTC to whole seconds, the zero time as null', () => {
    expect(canonicalTime('2024-03-01T01:30:00+02:00')).toBe('2024-02-29T23:30:00Z');
    expect(canonicalTime('2024-03-01T01:30:00.123Z')).toBe('2024-03-01T01:30:00Z');
    expect(canonicalTime('0001-01-01T00:00:00Z')).toBeNull();
  });

  it('refuses what is not RFC 3339', () => {
    expect(() => canonicalTime('2024-03-01')).toThrow(/parsing time/);
    expect(() => canonicalTime('2023-02-29T00:00:00Z')).toThrow(/out of range/);
  });
});

describe('decoding into Go structs', () => {
  it('adds zero structs and zero fields without omitempty, drops empty omitempty fields', () => {
    const out = roundTrip('kind: Deployment\nspec:\n  paused: false\n  minReadySeconds: 0\n  template:\n    spec:\n      containers:\n      - name: a\n        args: []\n');
    expect(out).toEqual({
      kind: 'Deployment',
      metadata: {},
      spec: { selector: null, template: { metadata: {}, spec: { containers: [{ name: 'a', resources: {} }] } }, strategy: {} },
      status: {},
    });
  });

  it('writes status counters without omitempty and `containers: null` when absent', () => {
    expect(roundTrip('kind: DaemonSet\n', 'apps.DaemonSet')).toMatchObject({
      status: { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 },
      spec: { template: { spec: { containers: null } } },
    });
    expect(roundTrip('kind: CronJob\n', 'batch.CronJob')).toMatchObject({ spec: { schedule: '', jobTemplate: { metadata: {}, spec: { template: { metadata: {} } } } } });
  });

  it('keeps `containers: []` and pointers to zero values', () => {
    const out = roundTrip('spec:\n  replicas: 0\n  template:\n    spec:\n      containers: []\n') as { spec: Record<string, unknown> };
    expect(out.spec.replicas).toBe(0);
    expect((out.spec.template as { spec: unknown }).spec).toEqual({ containers: [] });
  });

  it('drops unknown fields and matches field names case-insensitively, exact names first', () => {
    const out = roundTrip('metadata:\n  Name: a\n  bogus: 1\nspec:\n  replicas: 2\n  Replicas: 3\n') as { metadata: unknown; spec: { replicas: unknown } };
    expect(out.metadata).toEqual({ name: 'a' });
    expect(out.spec.replicas).toBe(3);
  });

  it('turns YAML numbers and booleans into strings where Go expects a string, as sigs.k8s.io/yaml does', () => {
    const out = roundTrip(
      'metadata:\n  labels:\n    version: 1.10\n    count: 10\n    enabled: yes\n    on: x\n  annotations:\n    big: 1e10\nspec:\n  template:\n    spec:\n      containers:\n      - name: 42\n        args: [--port, 8080, true]\n',
    ) as { metadata: unknown; spec: { template: { spec: { containers: unknown[] } } } };
    expect(out.metadata).toEqual({ labels: { version: '1.1', count: '10', enabled: 'true', true: 'x' }, annotations: { big: '1e+10' } });
    expect(out.spec.template.spec.containers[0]).toEqual({ name: '42', args: ['--port', '8080', 'true'], resources: {} });
  });

  it('canonicalises quantities and keeps int-or-string ports as written', () => {
    const out = roundTrip(
      'spec:\n  template:\n    spec:\n      containers:\n      - name: a\n        resources: {limits: {cpu: 2000m, memory: 1024Mi}, requests: {cpu: 0.5}}\n        readinessProbe: {httpGet: {port: http}, tcpSocket: {port: 8080}}\n',
    ) as { spec: { template: { spec: { containers: Record<string, unknown>[] } } } };
    const c = out.spec.template.spec.containers[0]!;
    expect(c.resources).toEqual({ limits: { cpu: '2', memory: '1Gi' }, requests: { cpu: '500m' } });
    expect(c.readinessProbe).toEqual({ httpGet: { port: 'http' }, tcpSocket: { port: 8080 } });
  });

  it('writes objects with keys in Go field order', () => {
    const out = roundTrip('spec:\n  template:\n    spec:\n      containers:\n      - resources: {}\n        image: x\n        name: a\n') as {
      spec: { template: { spec: { containers: object[] } } };
    };
    expect(Object.keys(out.spec.template.spec.containers[0]!)).toEqual(['name', 'image', 'resources']);
  });

  it.each([
    ['spec:\n  replicas: "3"\n', 'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32'],
    ['spec:\n  replicas: 3000000000\n', 'json: cannot unmarshal number 3000000000 into Go struct field DeploymentSpec.spec.replicas of type int32'],
    ['spec:\n  replicas: 1.5\n', 'json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32'],
    ['spec:\n  template:\n    spec:\n      containers: {}\n', 'json: cannot unmarshal object into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container'],
    ['spec: []\n', 'json: cannot unmarshal array into Go struct field Deployment.spec of type v1.DeploymentSpec'],
    ['spec:\n  template:\n    spec:\n      containers:\n      - resources: {limits: {cpu: lots}}\n', 'quantities must match the regular expression'],
  ])('%j is refused with encoding/json wording', (text, message) => {
    expect(() => roundTrip(text)).toThrow(GoDecodeError);
    expect(() => roundTrip(text)).toThrow(message);
  });

  it('refuses a document that is not a mapping as Go does for TypeMeta', () => {
    expect(() => decodeAndMarshal(['a'], 'meta.TypeMeta', { fromYaml: true })).toThrow('json: cannot unmarshal array into Go value of type v1.TypeMeta');
  });
});

describe('the generated Go struct table', () => {
  it('names only types it defines', () => {
    for (const [name, fields] of Object.entries(GO_STRUCTS)) {
      for (const token of fields.split(' ').filter(Boolean)) {
        const type = token.startsWith('...') ? token.slice(3) : token.slice(token.indexOf(':') + 1).replace(/[?~]+$/, '');
        expect(() => parseGoType(type), `${name}: ${token}`).not.toThrow();
      }
    }
    for (const type of Object.values(GO_ROOTS)) expect(GO_STRUCTS).toHaveProperty([type]);
  });
});

describe.skipIf(!ISTIO_CORPUS.found)("Istio's kube-inject goldens read back unchanged", () => {
  const goldens = !ISTIO_CORPUS.found ? [] : [...new Set(conformanceCases().filter((c) => c.runKubeInject && c.golden).map((c) => c.golden!))];

  it('has goldens to read', () => expect(goldens.length).toBeGreaterThan(50));

  it.each(goldens)('%s', (golden) => {
    const text = readCorpusFile(golden);
    const out = splitStream(text)
      .map((raw) => {
        const value = yaml(raw) as { kind?: string } | null;
        const type = value?.kind !== undefined ? GO_ROOTS[value.kind] : undefined;
        return `${type ? marshalYAML(decodeAndMarshal(value, type, { fromYaml: true })) : raw}---\n`;
      })
      .join('');
    expect(out.trim()).toBe(text.trim());
  });
});
