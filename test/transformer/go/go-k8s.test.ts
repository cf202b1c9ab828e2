import { describe, expect, it } from 'vitest';
import { k8sStruct } from '../../../transformer/go/go-k8s.js';
import { marshalJSON } from '../../../transformer/gotemplate/index.js';

/** What `toJson` prints for the Go values templates see: Go's `encoding/json` with its omitempty rule. */
describe('Kubernetes structs as template values: JSON view', () => {
  it('keeps pointer fields holding a zero (runAsUser: 0, privileged: false)', () => {
    const sc = k8sStruct('core.SecurityContext', { runAsUser: 0, privileged: false, runAsNonRoot: true });
    expect(marshalJSON(sc)).toBe('{"privileged":false,"runAsUser":0,"runAsNonRoot":true}');
  });

  it('drops empty omitempty fields and keeps value structs', () => {
    expect(marshalJSON(k8sStruct('core.ContainerPort', { containerPort: 80, name: '', hostPort: 0 }))).toBe('{"containerPort":80}');
    expect(marshalJSON(k8sStruct('core.ResourceFieldSelector', { resource: 'limits.cpu' }))).toBe('{"resource":"limits.cpu","divisor":"0"}');
  });
});
