import { describe, expect, it } from 'vitest';
import { structValue, structType, Template } from '../../../transformer/gotemplate/index.js';
import { injectionFuncMap } from '../../../transformer/mesh/istio-templates/funcs/funcs-istio.js';

/** A `v1.ContainerPort`-like struct built on a shared prototype, its JSON view from the prototype's `toJSON`. */
function port(name: string, containerPort: bigint): object {
  const value = Object.create(PORT) as Record<string, unknown>;
  value.Name = name;
  value.ContainerPort = containerPort;
  return value;
}
const PORT = structType('v1.ContainerPort', {
  toJSON(this: { Name: string; ContainerPort: bigint }) {
    return { name: this.Name, containerPort: this.ContainerPort };
  },
});

function run(text: string, data: unknown): string {
  return new Template('t').funcs(injectionFuncMap()).parse(text).execute(data);
}

describe('structType', () => {
  it('gives structs that read, print and compare like structValue ones', () => {
    const data = { p: port('http', 8080n), q: structValue('v1.ContainerPort', { Name: 'http', ContainerPort: 8080n }) };
    expect(run('{{ .p.Name }} {{ .p.ContainerPort }} {{ .p }} {{ printf "%T" .p }}', data)).toBe('http 8080 {http 8080} v1.ContainerPort');
    expect(run('{{ .q }} {{ printf "%T" .q }}', data)).toBe('{http 8080} v1.ContainerPort');
  });

  it('uses the prototype method for the JSON view and keeps it out of the fields', () => {
    expect(run('{{ toJson .p }}', { p: port('grpc', 9090n) })).toBe('{"name":"grpc","containerPort":9090}');
    expect(Object.keys(port('a', 1n))).toEqual(['Name', 'ContainerPort']);
  });

  it('errors on an unknown field as Go does', () => {
    expect(() => run('{{ .p.Nope }}', { p: port('a', 1n) })).toThrow(/can't evaluate field Nope in type v1.ContainerPort/);
  });
});
