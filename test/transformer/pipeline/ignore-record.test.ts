/** `uninject --ignore-record`: the documented way out when a record is refused or was never ours. */
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { presetFor, transformText, type InjectConfig } from '../../../transformer/index.js';
import { RECORD_ANNOTATION } from '../../../transformer/record/format.js';
import { defaultTestConfig } from '../../helpers/default-config.js';
import { runCli, tempTree } from '../../helpers/run-cli.js';
import { editRecord } from '../record/tamper.js';

const config: InjectConfig = defaultTestConfig({ namespaces: { inject: ['*'], skip: [] } });
const run = (text: string, mode: 'inject' | 'uninject', ignoreRecord = false) =>
  transformText(text, { mode, config, preset: presetFor(config), path: 'app.yaml', ...(ignoreRecord ? { ignoreRecord: true } : {}) });
const data = (text: string) => parseAllDocuments(text).map((d) => d.toJS());
const errors = (outcome: { results: Array<{ severity: string; code: string }> }) => outcome.results.filter((r) => r.severity === 'error').map((r) => r.code);

const original = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    metadata:
      labels:
        app: web
      annotations:
        prometheus.io/scrape: "true"
        prometheus.io/port: "9090"
        prometheus.io/path: /metrics
    spec:
      containers:
      - name: web
        image: nginx:1.27
        readinessProbe:
          httpGet:
            path: /ready
            port: 8080
        livenessProbe:
          tcpSocket:
            port: 8080
          periodSeconds: 10
`;

describe('uninject --ignore-record', () => {
  const injected = run(original, 'inject').text;

  it('gives back the original data, probes and Prometheus annotations restored from the proxy\'s copies', () => {
    const outcome = run(injected, 'uninject', true);
    expect(errors(outcome)).toEqual([]);
    expect(data(outcome.text)).toEqual(data(original));
  });

  it('is the way out of a refused record', () => {
    const tampered = editRecord(injected, (r) => {
      r.added = [...(r.added ?? []), ['spec', 'containers', [{ name: 'web' }]]];
    });
    expect(errors(run(tampered, 'uninject'))).toEqual(['record-untrusted']);
    const outcome = run(tampered, 'uninject', true);
    expect(errors(outcome)).toEqual([]);
    expect(data(outcome.text)).toEqual(data(original));
  });

  it('removes an injection made by another tool (no record, Istio status only)', () => {
    const foreign = injected.replace(new RegExp(`^ *${RECORD_ANNOTATION.replace(/[./]/g, '\\$&')}: .*\\n`, 'm'), '');
    expect(run(foreign, 'inject').results.map((r) => r.code)).toContain('skipped-foreign-injection');
    expect(data(run(foreign, 'uninject', true).text)).toEqual(data(original));
  });

  it('is a flag of the CLI\'s uninject', async () => {
    const tampered = editRecord(injected, (r) => {
      r.added = [...(r.added ?? []), ['spec', 'containers', [{ name: 'web' }]]];
    });
    const tree = tempTree({ 'app.yaml': tampered, '.mesh-injectrc.yaml': 'istio: {hub: registry.istio.io/testing, tag: latest}\nnamespaces: {inject: ["*"]}\n' });
    try {
      const refused = await runCli(['uninject', 'app.yaml'], { cwd: tree.dir });
      expect(refused.code).toBe(2);
      const out = await runCli(['uninject', '--ignore-record', 'app.yaml'], { cwd: tree.dir });
      expect(out.code).toBe(0);
      const { readFileSync } = await import('node:fs');
      expect(data(readFileSync(`${tree.dir}/app.yaml`, 'utf8'))).toEqual(data(original));
    } finally {
      tree.cleanup();
    }
  });
});
