import { describe, expect, it } from 'vitest';
import type { ClusterInputs } from '../../../../transformer/inject-config.js';
import { parseClusterInputs } from '../../../../transformer/mesh/istio-templates/inputs.js';
import { TemplateModeCache } from '../../../../transformer/mesh/istio-templates/template-mode-cache.js';

const PROBE = 'readinessProbe:\n  httpGet:\n    path: /healthz/ready\n    port: 15021\n  periodSeconds: 15\n';

function probeOf(cache: TemplateModeCache, name: string): unknown {
  const read = cache.readOutput(`containers:\n- name: ${name}\n  ${PROBE.replaceAll('\n', '\n  ').trimEnd()}\n`);
  if (!read.ok) throw new Error('outside the fast reader subset');
  return (read.value as { containers: { readinessProbe: unknown }[] }).containers[0]!.readinessProbe;
}

describe('the template-mode cache', () => {
  it('shares blocks of output read before between outputs, frozen', () => {
    const cache = new TemplateModeCache();
    const first = probeOf(cache, 'a');
    expect(probeOf(cache, 'b')).toBe(first);
    expect(first).toEqual({ httpGet: { path: '/healthz/ready', port: 15021 }, periodSeconds: 15 });
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('reads every output afresh with blocks off', () => {
    const cache = new TemplateModeCache({ blocks: false });
    const first = probeOf(cache, 'a');
    expect(probeOf(cache, 'b')).toEqual(first);
    expect(probeOf(cache, 'b')).not.toBe(first);
  });

  it('builds a message struct once per JSON object and schema', () => {
    const cache = new TemplateModeCache();
    const json = { concurrency: 2 };
    let built = 0;
    const build = () => ({ built: ++built });
    const message = cache.protoMessage('ProxyConfig', json, build);
    expect(cache.protoMessage('ProxyConfig', json, build)).toBe(message);
    expect(cache.protoMessage('MeshConfig', json, build)).not.toBe(message);
    expect(cache.protoMessage('ProxyConfig', { concurrency: 2 }, build)).not.toBe(message);
    expect(built).toBe(3);
  });

  it('builds every time with protoMessages off', () => {
    const cache = new TemplateModeCache({ protoMessages: false });
    const json = { concurrency: 2 };
    let built = 0;
    cache.protoMessage('ProxyConfig', json, () => ({ built: ++built }));
    cache.protoMessage('ProxyConfig', json, () => ({ built: ++built }));
    expect(built).toBe(2);
  });
});

describe('the template-mode cache of parsed cluster inputs', () => {
  const injector = (template: string) => ({ injector: { path: 'config.yaml', text: `policy: enabled\ntemplates:\n  sidecar: |\n    ${template}\n` } });
  const messageBuilds = (inputs: ClusterInputs) => {
    const outcome = parseClusterInputs(inputs);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.results));
    const json = { concurrency: 2 };
    let built = 0;
    outcome.inputs.cache.protoMessage('ProxyConfig', json, () => ({ built: ++built }));
    outcome.inputs.cache.protoMessage('ProxyConfig', json, () => ({ built: ++built }));
    return built;
  };

  it('shares message structs between pods when no template can change a map', () => {
    expect(messageBuilds(injector('spec: {}'))).toBe(1);
  });

  it('builds them per render when a template calls set or merge (a change must not reach the next pod)', () => {
    expect(messageBuilds(injector('{{ $_ := set .Values "k" "v" }}spec: {}'))).toBe(2);
  });
});
