/**
 * `ARGOCD_APP_PARAMETERS` is checked against what Argo CD sends (`ApplicationSourcePluginParameters`
 * marshalled to JSON: `null` or a list of `{name, string?, array?, map?}`) and against the
 * parameters plugin.yaml declares; anything else fails the app with `invalid-parameters`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readParameters } from '../../../plugin/argocd/parameters.js';
import { DEPLOYMENT, sandbox, type Sandbox } from './cmp-sandbox.js';

const codes = (env: Record<string, string>) => readParameters(env).errors.map((e) => e.code);

describe('ARGOCD_APP_PARAMETERS', () => {
  it('accepts what Argo CD sends: null (no parameters), a list of string parameters, entries without a value', () => {
    expect(codes({ ARGOCD_APP_PARAMETERS: 'null' })).toEqual([]);
    expect(codes({ ARGOCD_APP_PARAMETERS: '[]' })).toEqual([]);
    expect(codes({})).toEqual([]);
    expect(codes({ ARGOCD_APP_PARAMETERS: '[{"name":"istio-tag","string":"1.33.0"},{"name":"mesh"}]', PARAM_ISTIO_TAG: '1.33.0' })).toEqual([]);
  });

  const malformed: [string, string][] = [
    ['not JSON', '[{"name":"istio-tag"'],
    ['not a list', '{"name":"istio-tag","string":"1.33.0"}'],
    ['a list of strings', '["istio-tag"]'],
    ['an entry without a name', '[{"string":"1.33.0"}]'],
    ['an entry with an empty name', '[{"name":"","string":"1.33.0"}]'],
    ['a name that is not a string', '[{"name":7,"string":"1.33.0"}]'],
    ['a string value that is not a string', '[{"name":"istio-tag","string":1.33}]'],
    ['an array value', '[{"name":"istio-tag","array":["1.33.0"]}]'],
    ['a map value', '[{"name":"istio-tag","map":{"a":"b"}}]'],
    ['an unknown field', '[{"name":"istio-tag","value":"1.33.0"}]'],
    ['an unknown parameter name', '[{"name":"tag","string":"1.33.0"}]'],
    ['a parameter given twice', '[{"name":"istio-tag","string":"1.33.0"},{"name":"istio-tag","string":"1.34.0"}]'],
  ];
  for (const [name, json] of malformed) {
    it(`refuses ${name} with invalid-parameters`, () => {
      const errors = readParameters({ ARGOCD_APP_PARAMETERS: json }).errors;
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.every((e) => e.code === 'invalid-parameters' && e.severity === 'error')).toBe(true);
    });
  }

  it('refuses an allow-empty value other than "true" or "false" with invalid-parameters', () => {
    expect(codes({ ARGOCD_APP_PARAMETERS: '[{"name":"allow-empty","string":"yes"}]', PARAM_ALLOW_EMPTY: 'yes' })).toEqual(['invalid-parameters']);
  });

  it('reports every bad entry, not only the first', () => {
    expect(codes({ ARGOCD_APP_PARAMETERS: '[{"name":"tag"},{"string":"x"},{"name":"mesh","array":[]}]' })).toEqual(['invalid-parameters', 'invalid-parameters', 'invalid-parameters']);
  });
});

describe('generate with malformed parameters', () => {
  let box: Sandbox;
  beforeEach(() => {
    box = sandbox();
    box.write('plain/deployment.yaml', DEPLOYMENT);
  });
  afterEach(() => box.cleanup());

  for (const json of ['not json', '{"name":"mesh"}', '[{"string":"none"}]', '[{"name":"istio-tag","string":false}]']) {
    it(`exits 2 and prints nothing for ${json}`, async () => {
      const run = await box.generate('plain', { ARGOCD_APP_PARAMETERS: json });
      expect(run.stdoutWrites).toEqual([]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('(invalid-parameters)');
    });
  }
});
