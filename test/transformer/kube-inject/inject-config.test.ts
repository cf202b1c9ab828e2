/** `--injectConfigFile` read as istioctl reads it, plus the ConfigMap manifest. */
import { describe, expect, it } from 'vitest';
import { readInjectConfig } from '../../../transformer/kube-inject/index.js';

const templatesOf = (text: string) => JSON.parse(text) as { templates: Record<string, string> };

describe('readInjectConfig', () => {
  it('keeps only the templates of an injector config (policy, selectors, aliases are ignored by kube-inject)', () => {
    const read = readInjectConfig({
      path: 'c.yaml',
      text: 'policy: disabled\ndefaultTemplates: [gateway]\naliases: {both: [sidecar, gateway]}\ninjectedAnnotations: {a: b}\ntemplates:\n  sidecar: "s"\n  gateway: "g"\n',
    });
    expect(read.form).toBe('config');
    expect(read.injector.path).toBe('c.yaml');
    expect(templatesOf(read.injector.text)).toEqual({ templates: { sidecar: 's', gateway: 'g' } });
  });

  it('takes a file without templates as the sidecar template itself', () => {
    const template = 'spec:\n  containers:\n  - name: istio-proxy\n    image: {{ .ProxyImage }}\n';
    const read = readInjectConfig({ path: 't.tmpl', text: template });
    expect(read.form).toBe('template');
    expect(templatesOf(read.injector.text)).toEqual({ templates: { sidecar: template } });
    expect(readInjectConfig({ path: 'e.yaml', text: 'policy: enabled\ntemplates: {}\n' }).form).toBe('template');
  });

  it('reads the istio-sidecar-injector ConfigMap, with its values', () => {
    const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: istio-sidecar-injector}\ndata:\n  config: |\n    templates:\n      sidecar: "s"\n  values: \'{"global":{}}\'\n';
    const read = readInjectConfig({ path: 'cm.yaml', text: configMap });
    expect(read.form).toBe('configmap');
    expect(templatesOf(read.injector.text)).toEqual({ templates: { sidecar: 's' } });
    expect(read.values).toEqual({ path: 'cm.yaml', text: '{"global":{}}' });
  });
});
