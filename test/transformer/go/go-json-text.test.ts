import { describe, expect, it } from 'vitest';
import { goJsonStringify, goOrdered } from '../../../transformer/go/go-json-text.js';

describe('JSON text in Go key order', () => {
  it('orders struct fields by the Go table through pointers, slices and inlined structs; sorts map keys; keeps unknown keys last', () => {
    const probe = { periodSeconds: 5, extra: 1, httpGet: { scheme: 'HTTP', port: 80, path: '/ready', httpHeaders: [{ value: 'v', name: 'n' }] } };
    expect(JSON.stringify(goOrdered(probe, '*core.Probe'))).toBe(
      '{"httpGet":{"path":"/ready","port":80,"scheme":"HTTP","httpHeaders":[{"name":"n","value":"v"}]},"periodSeconds":5,"extra":1}',
    );
    expect(JSON.stringify(goOrdered({ requests: { memory: '1Gi', cpu: '1' } }, 'core.ResourceRequirements'))).toBe('{"requests":{"cpu":"1","memory":"1Gi"}}');
  });

  it('escapes what Go escapes', () => {
    expect(goJsonStringify({ a: '<&>\u2028' })).toBe('{"a":"\\u003c\\u0026\\u003e\\u2028"}');
  });
});
