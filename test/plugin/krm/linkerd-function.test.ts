/**
 * `mesh-inject fn` with `mesh: linkerd`: a KRM function reads no files, so the Linkerd settings come
 * from the functionConfig (trust anchors inline) or from the `linkerd-config` ConfigMap among the
 * items, marked local-config (used as the values, not passed on).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';

const ANCHORS = readFileSync(join(__dirname, '../../../examples/gitops-repo-linkerd/linkerd/ca.crt'), 'utf8');
const indent = (text: string, by: number) => text.trimEnd().split('\n').map((l) => ' '.repeat(by) + l).join('\n');

const DEPLOYMENT = `- apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
    namespace: demo
  spec:
    selector:
      matchLabels:
        app: web
    template:
      metadata:
        labels:
          app: web
      spec:
        containers:
        - name: web
          image: nginx:1.27
`;

const LINKERD_CONFIG = `- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: linkerd-config
    namespace: mesh-system
    annotations:
      config.kubernetes.io/local-config: "true"
  data:
    values: |
      identityTrustAnchorsPEM: |
${indent(ANCHORS, 8)}
      proxy:
        image:
          version: stable-9.9.9
`;

function resourceList(items: string, spec: string): string {
  return `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n${items}functionConfig:\n  apiVersion: mesh-inject.dev/v1alpha1\n  kind: MeshInject\n  metadata:\n    name: mesh\n  spec:\n${spec}`;
}

type Obj = any; // parsed YAML, checked field by field

function proxyOf(list: Obj): Obj {
  const deployment = list.items.find((i: Obj) => i.kind === 'Deployment');
  return deployment.spec.template.spec.initContainers.find((c: Obj) => c.name === 'linkerd-proxy');
}

describe('mesh-inject fn with mesh: linkerd', () => {
  it('injects with the trust anchors of the functionConfig', async () => {
    const run = await runCli(['fn'], { cwd: '/', stdin: resourceList(DEPLOYMENT, `    mesh: linkerd\n    linkerd:\n      identityTrustAnchorsPEM: |\n${indent(ANCHORS, 8)}\n`) });
    expect(run.code, run.stderr).toBe(0);
    const proxy = proxyOf(parse(run.stdout));
    expect(proxy.env.find((e: Obj) => e.name === 'LINKERD2_PROXY_IDENTITY_TRUST_ANCHORS').value).toBe(ANCHORS);
  });

  it('takes the linkerd-config ConfigMap among the items as the values, and drops it from the output', async () => {
    const run = await runCli(['fn'], { cwd: '/', stdin: resourceList(DEPLOYMENT + LINKERD_CONFIG, '    mesh: linkerd\n') });
    expect(run.code, run.stderr).toBe(0);
    const list = parse(run.stdout);
    expect(list.items.map((i: Obj) => i.kind)).toEqual(['Deployment']);
    const proxy = proxyOf(list);
    expect(proxy.image).toBe('cr.l5d.io/linkerd/proxy:stable-9.9.9');
    // The ConfigMap's namespace is the control plane's.
    expect(proxy.env.find((e: Obj) => e.name === '_l5d_ns').value).toBe('mesh-system');
  });

  it('without trust anchors fails naming the keys, and changes no item', async () => {
    const input = resourceList(DEPLOYMENT, '    mesh: linkerd\n');
    const run = await runCli(['fn'], { cwd: '/', stdin: input });
    expect(run.code).not.toBe(0);
    const list = parse(run.stdout);
    expect(list.items[0].spec.template.spec.initContainers).toBeUndefined();
    expect(JSON.stringify(list.results)).toMatch(/linkerd\.identityTrustAnchors/);
  });
});
