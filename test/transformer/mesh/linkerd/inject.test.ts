import { describe, expect, it } from 'vitest';
import { envOf, initOf, inject, injected, PEM, pod, proxyOf, values } from './fixtures.js';
import { sha256Hex } from '../../../../transformer/mesh/linkerd/sha256.js';

const names = (list: { name: string }[] | undefined) => (list ?? []).map((c) => c.name);

describe('injectLinkerdPod placement', () => {
  it('native sidecar: linkerd-init then the proxy first among the init containers, restartPolicy Always, a startup probe', () => {
    const out = injected(pod({}, { initContainers: [{ name: 'migrate', image: 'm:1' }] }));
    expect(names(out.spec.initContainers)).toEqual(['linkerd-init', 'linkerd-proxy', 'migrate']);
    expect(names(out.spec.containers)).toEqual(['web']);
    expect(proxyOf(out).restartPolicy).toBe('Always');
    expect(proxyOf(out).startupProbe?.httpGet?.path).toBe('/ready');
    expect(proxyOf(out).lifecycle).toBeUndefined();
  });

  it('classic sidecar with await: the proxy first among the containers, linkerd-await on postStart, linkerd-init last', () => {
    const out = injected(pod({}, { initContainers: [{ name: 'migrate', image: 'm:1' }] }), values((v) => (v.proxy.nativeSidecar = false)));
    expect(names(out.spec.initContainers)).toEqual(['migrate', 'linkerd-init']);
    expect(names(out.spec.containers)).toEqual(['linkerd-proxy', 'web']);
    expect(proxyOf(out).lifecycle?.postStart?.exec?.command).toEqual(['/usr/lib/linkerd/linkerd-await', '--timeout=2m', '--port=4191']);
    expect(proxyOf(out).restartPolicy).toBeUndefined();
    expect(proxyOf(out).startupProbe).toBeUndefined();
  });

  it('classic sidecar without await: the proxy last (after the debug sidecar), no lifecycle', () => {
    const out = injected(pod({ 'config.linkerd.io/proxy-await': 'disabled', 'config.linkerd.io/enable-debug-sidecar': 'true' }), values((v) => (v.proxy.nativeSidecar = false)));
    expect(names(out.spec.containers)).toEqual(['web', 'linkerd-debug', 'linkerd-proxy']);
    expect(proxyOf(out).lifecycle).toBeUndefined();
  });

  it('the pod annotation config.linkerd.io/proxy-enable-native-sidecar wins over the values, GA name over beta and alpha', () => {
    expect(names(injected(pod({ 'config.linkerd.io/proxy-enable-native-sidecar': 'false' })).spec.containers)).toEqual(['linkerd-proxy', 'web']);
    const classic = values((v) => (v.proxy.nativeSidecar = false));
    expect(names(injected(pod({ 'config.alpha.linkerd.io/proxy-enable-native-sidecar': 'true' }), classic).spec.initContainers)).toEqual(['linkerd-init', 'linkerd-proxy']);
    expect(names(injected(pod({ 'config.linkerd.io/proxy-enable-native-sidecar': 'false', 'config.beta.linkerd.io/proxy-enable-native-sidecar': 'true' })).spec.containers)).toEqual(['linkerd-proxy', 'web']);
  });

  it('wait-before-exit adds a preStop sleep to a classic proxy', () => {
    const out = injected(pod({ 'config.alpha.linkerd.io/proxy-wait-before-exit-seconds': '30' }), values((v) => (v.proxy.nativeSidecar = false)));
    expect(proxyOf(out).lifecycle?.preStop?.exec?.command).toEqual(['/bin/sleep', '30']);
  });

  it('with CNI: linkerd-network-validator instead of linkerd-init, and no xtables volume', () => {
    const out = injected(pod(), values((v) => (v.cniEnabled = true)));
    expect(names(out.spec.initContainers)).toEqual(['linkerd-network-validator', 'linkerd-proxy']);
    expect(names(out.spec.volumes)).toEqual(['linkerd-identity-end-entity', 'linkerd-identity-token']);
    expect(out.spec.initContainers![0]!.args).toContain('1.1.1.1:20001');
  });

  it('appends the volumes after the pod own ones', () => {
    const out = injected(pod({}, { volumes: [{ name: 'data', emptyDir: {} }] }));
    expect(names(out.spec.volumes)).toEqual(['data', 'linkerd-proxy-init-xtables-lock', 'linkerd-identity-end-entity', 'linkerd-identity-token']);
  });

  it('does not change its input', () => {
    const p = pod({ 'config.linkerd.io/admin-port': '9000' });
    const v = values();
    const before = JSON.stringify([p, v]);
    injected(p, v);
    expect(JSON.stringify([p, v])).toBe(before);
  });
});

describe('injectLinkerdPod metadata', () => {
  it('labels the owner and namespaces, annotates version, creator and the trust root digest', () => {
    const out = injected(pod());
    expect(out.metadata.labels).toEqual({
      app: 'web',
      'linkerd.io/control-plane-ns': 'linkerd',
      'linkerd.io/proxy-deployment': 'web',
      'linkerd.io/workload-ns': 'shop',
    });
    expect(out.metadata.annotations).toEqual({
      'linkerd.io/created-by': 'mesh-inject test',
      'linkerd.io/proxy-version': 'edge-test',
      'linkerd.io/trust-root-sha256': sha256Hex(PEM),
    });
  });

  it('gives a bare Pod no owner label, a CronJob linkerd.io/proxy-cronjob', () => {
    const bare = inject(pod(), values(), { owner: { kind: 'Pod', name: 'p', namespace: '' } }).pod!;
    expect(Object.keys(bare.metadata.labels!)).toEqual(['app', 'linkerd.io/control-plane-ns', 'linkerd.io/workload-ns']);
    expect(bare.metadata.labels!['linkerd.io/workload-ns']).toBe('');
    const cron = inject(pod(), values(), { owner: { kind: 'CronJob', name: 'c', namespace: 'ns' } }).pod!;
    expect(cron.metadata.labels!['linkerd.io/proxy-cronjob']).toBe('c');
    const byWebhook = inject(pod(), values(), { owner: { kind: 'CronJob', name: 'c', namespace: 'ns' }, origin: 'webhook' }).pod!;
    expect(Object.keys(byWebhook.metadata.labels!)).toEqual(['app', 'linkerd.io/control-plane-ns', 'linkerd.io/workload-ns']);
  });

  it('the proxy version annotation follows config.linkerd.io/proxy-version', () => {
    const out = injected(pod({ 'config.linkerd.io/proxy-version': 'v9' }));
    expect(out.metadata.annotations!['linkerd.io/proxy-version']).toBe('v9');
    expect(proxyOf(out).image).toBe('cr.l5d.io/linkerd/proxy:v9');
    expect(initOf(out)!.image).toBe('cr.l5d.io/linkerd/proxy:v9');
  });
});

describe('injectLinkerdPod configuration layers', () => {
  it('the pod wins over the namespace, the namespace over the values; inherited annotations are written on the pod', () => {
    const ns = { 'config.linkerd.io/proxy-log-level': 'debug', 'config.linkerd.io/access-log': 'json', 'unrelated.io/x': 'y' };
    const out = injected(pod({ 'config.linkerd.io/proxy-log-level': 'trace' }), values(), { namespaceAnnotations: ns });
    expect(envOf(out, 'LINKERD2_PROXY_LOG')).toBe('trace,[{headers}]=off,[{request}]=off');
    expect(envOf(out, 'LINKERD2_PROXY_ACCESS_LOG')).toBe('json');
    expect(out.metadata.annotations!['config.linkerd.io/access-log']).toBe('json');
    expect(out.metadata.annotations!['config.linkerd.io/proxy-log-level']).toBe('trace');
    expect(out.metadata.annotations!['unrelated.io/x']).toBeUndefined();
  });

  it('CLI annotations are written but not read back (the values carry the flags)', () => {
    const v = values((x) => {
      x.proxy.opaquePorts = '3000,mysql';
      x.proxy.resources.cpu.limit = '160m';
    });
    const out = injected(pod(), v, { cliAnnotations: { 'config.linkerd.io/opaque-ports': '3000,mysql', 'config.linkerd.io/proxy-cpu-limit': '160m' } });
    expect(envOf(out, 'LINKERD2_PROXY_INBOUND_PORTS_DISABLE_PROTOCOL_DETECTION')).toBe('3000,mysql');
    expect(envOf(out, 'LINKERD2_PROXY_CORES_MAX')).toBeUndefined();
    expect(out.metadata.annotations!['config.linkerd.io/opaque-ports']).toBe('3000,mysql');
  });

  it('the same annotations on the pod are read: named ports resolve, unknown names drop, the CPU limit sets the worker maximum', () => {
    const out = inject(pod({ 'config.linkerd.io/opaque-ports': '3000,http,mysql', 'config.linkerd.io/proxy-cpu-limit': '1500m' }));
    expect(envOf(out.pod!, 'LINKERD2_PROXY_INBOUND_PORTS_DISABLE_PROTOCOL_DETECTION')).toBe('3000,8080');
    expect(envOf(out.pod!, 'LINKERD2_PROXY_CORES_MAX')).toBe('2');
    expect(out.results.map((r) => r.code)).toEqual(['unknown-annotation-value']);
  });

  it('the first container capabilities reach the proxy; linkerd-init keeps NET_ADMIN and NET_RAW', () => {
    const out = injected(pod({}, { containers: [{ name: 'web', image: 'w', securityContext: { capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL', 'NET_RAW'] } } }] }));
    expect(proxyOf(out).securityContext?.capabilities).toEqual({ add: ['NET_BIND_SERVICE'], drop: ['ALL', 'NET_RAW'] });
    expect(initOf(out)!.securityContext?.capabilities).toEqual({ add: ['NET_ADMIN', 'NET_RAW', 'NET_BIND_SERVICE'], drop: ['ALL'] });
  });

  it('shares the app service account token mount with the proxy and linkerd-init', () => {
    const mount = { name: 'sa', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true };
    const out = injected(pod({}, { containers: [{ name: 'web', image: 'w', volumeMounts: [mount] }] }));
    expect(proxyOf(out).volumeMounts).toContainEqual(mount);
    expect(initOf(out)!.volumeMounts).toContainEqual(mount);
  });

  it('without token projection: the kubelet token file, no linkerd-identity-token volume', () => {
    const out = injected(pod(), values((v) => (v.identity.serviceAccountTokenProjection = false)));
    expect(envOf(out, 'LINKERD2_PROXY_IDENTITY_TOKEN_FILE')).toBe('/var/run/secrets/kubernetes.io/serviceaccount/token');
    expect(names(out.spec.volumes)).not.toContain('linkerd-identity-token');
  });

  it('the trust anchors go into the proxy env, trimmed, one final newline', () => {
    const out = injected(pod(), values((v) => (v.identityTrustAnchorsPEM = `\n${PEM}\n\n`)));
    expect(envOf(out, 'LINKERD2_PROXY_IDENTITY_TRUST_ANCHORS')).toBe(PEM);
  });

  it('ingress mode from linkerd.io/inject: ingress', () => {
    expect(envOf(injected(pod({ 'linkerd.io/inject': 'ingress' })), 'LINKERD2_PROXY_INGRESS_MODE')).toBe('true');
    expect(envOf(injected(pod({ 'linkerd.io/inject': 'enabled' })), 'LINKERD2_PROXY_INGRESS_MODE')).toBeUndefined();
  });

  it('a cpu ratio limit sets LINKERD2_PROXY_CORES_MAX_RATIO; one outside (0, 1) is ignored with a warning', () => {
    expect(envOf(injected(pod({ 'config.linkerd.io/proxy-cpu-ratio-limit': '0.5' })), 'LINKERD2_PROXY_CORES_MAX_RATIO')).toBe('0.5');
    const out = inject(pod({ 'config.linkerd.io/proxy-cpu-ratio-limit': '1.5' }));
    expect(envOf(out.pod!, 'LINKERD2_PROXY_CORES_MAX_RATIO')).toBeUndefined();
    expect(out.results.map((r) => [r.severity, r.code])).toEqual([['warning', 'unknown-annotation-value']]);
  });

  it('resources go to the proxy and linkerd-init, quantities as Go spells them', () => {
    const out = injected(pod({ 'config.linkerd.io/proxy-cpu-request': '0.5', 'config.linkerd.io/proxy-memory-limit': '128Mi', 'config.linkerd.io/proxy-ephemeral-storage-request': '1Gi' }));
    const want = { limits: { memory: '128Mi' }, requests: { cpu: '500m', 'ephemeral-storage': '1Gi' } };
    expect(proxyOf(out).resources).toEqual(want);
    expect(initOf(out)!.resources).toEqual(want);
    expect(envOf(out, 'LINKERD2_PROXY_CORES')).toBe('1');
  });

  it('close-wait-timeout needs proxyInit.runAsRoot (Linkerd fails the render), and makes linkerd-init privileged with it', () => {
    const refused = inject(pod({ 'config.linkerd.io/close-wait-timeout': '1m' }));
    expect(refused.pod).toBeNull();
    expect(refused.results.map((r) => r.code)).toEqual(['template-error']);
    const out = injected(pod({ 'config.linkerd.io/close-wait-timeout': '1m30s' }), values((v) => (v.proxyInit.runAsRoot = true)));
    expect(initOf(out)!.args).toEqual(expect.arrayContaining(['--timeout-close-wait-secs', '90']));
    expect(initOf(out)!.securityContext).toMatchObject({ privileged: true, allowPrivilegeEscalation: true, runAsUser: 0 });
  });

  it('refuses a proxy-log-http-headers value the template rejects', () => {
    const out = inject(pod({ 'config.linkerd.io/proxy-log-http-headers': 'verbose' }));
    expect(out.pod).toBeNull();
    expect(out.results.map((r) => r.code)).toEqual(['template-error']);
    expect(envOf(injected(pod({ 'config.linkerd.io/proxy-log-http-headers': 'insecure' })), 'LINKERD2_PROXY_LOG')).toBe('warn,linkerd=info,hickory=error');
  });

  it('refuses values without trust anchors, an unknown iptables mode, a cluster network that is no CIDR', () => {
    expect(inject(pod(), values((v) => (v.identityTrustAnchorsPEM = ''))).results.map((r) => r.code)).toEqual(['template-error']);
    expect(inject(pod(), values((v) => (v.proxyInit.iptablesMode = 'bpf'))).results.map((r) => r.code)).toEqual(['template-error']);
    expect(inject(pod(), values((v) => (v.clusterNetworks = '10.0.0.0/8,bad'))).results.map((r) => r.code)).toEqual(['config-invalid']);
  });

  it('legacy iptables mode: no firewall binary arguments', () => {
    const args = initOf(injected(pod(), values((v) => (v.proxyInit.iptablesMode = 'legacy'))))!.args!;
    expect(args).not.toContain('--firewall-bin-path');
    expect(args.slice(0, 2)).toEqual(['--ipv6=false', '--incoming-proxy-port']);
  });

  it('skip ports and subnets reach linkerd-init, after the control and admin ports', () => {
    const args = initOf(injected(pod({ 'config.linkerd.io/skip-inbound-ports': '22', 'config.linkerd.io/skip-outbound-ports': '5432', 'config.linkerd.io/skip-subnets': '10.1.0.0/16', 'config.linkerd.io/admin-port': '9991' })))!.args!;
    expect(args).toEqual(expect.arrayContaining(['--inbound-ports-to-ignore', '4190,9991,22', '--outbound-ports-to-ignore', '5432', '--subnets-to-ignore', '10.1.0.0/16']));
  });

  it('LINKERD2_PROXY_INBOUND_PORTS lists container and numeric probe ports, sorted as text', () => {
    const out = injected(pod({}, { containers: [{ name: 'web', image: 'w', ports: [{ containerPort: 9 }, { containerPort: 8080 }], readinessProbe: { httpGet: { port: 10 } }, livenessProbe: { httpGet: { port: 'http' } } }] }));
    expect(envOf(out, 'LINKERD2_PROXY_INBOUND_PORTS')).toBe('10,8080,9');
    const none = injected(pod({}, { containers: [{ name: 'web', image: 'w' }] }));
    expect(proxyOf(none).env!.find((e) => e.name === 'LINKERD2_PROXY_INBOUND_PORTS')).toEqual({ name: 'LINKERD2_PROXY_INBOUND_PORTS' });
  });

  it('additional env: values, then namespace, then workload, merged by name', () => {
    const v = values((x) => (x.proxy.additionalEnv = [{ name: 'A', value: 'values' }, { name: 'B', value: 'values' }]));
    const out = injected(pod({ 'config.linkerd.io/proxy-additional-env': '[{"name":"B","value":"pod"}]' }), v, {
      namespaceAnnotations: { 'config.linkerd.io/proxy-additional-env': '[{"name":"A","value":"ns"},{"name":"C","value":"ns"}]' },
    });
    const env = proxyOf(out).env!;
    expect(env.slice(-3)).toEqual([{ name: 'A', value: 'ns' }, { name: 'B', value: 'pod' }, { name: 'C', value: 'ns' }]);
  });

  it('tracing: the podinfo volume and mount, collector env, service.name from the app labels', () => {
    const v = values((x) => {
      x.proxy.tracing.enabled = true;
      x.proxy.tracing.collector = { endpoint: 'collector:4317', meshIdentity: { serviceAccountName: 'collector', namespace: 'tracing' } };
    });
    const p = pod({ 'resource.opentelemetry.io/team': 'a' });
    p.metadata.labels!['app.kubernetes.io/name'] = 'shop';
    const out = injected(p, v);
    expect(names(out.spec.volumes)).toContain('linkerd-podinfo');
    expect(envOf(out, 'LINKERD2_PROXY_TRACE_COLLECTOR_SVC_NAME')).toBe('collector.tracing.serviceaccount.identity.linkerd.cluster.local');
    expect(envOf(out, 'LINKERD2_PROXY_TRACE_EXTRA_ATTRIBUTES')).toBe('k8s.container.name=$(_pod_containerName)\nk8s.pod.ip=$(_pod_ip)\nk8s.pod.uid=$(_pod_uid)\nservice.name=shop\nteam=a\n');
    const missing = values((x) => (x.proxy.tracing.enabled = true));
    expect(inject(pod(), missing).results.map((r) => r.code)).toEqual(['template-error']);
  });

  it('IPv6: listen on [::], also on [::1] outbound', () => {
    const out = injected(pod(), values((v) => (v.disableIPv6 = false)));
    expect(envOf(out, 'LINKERD2_PROXY_INBOUND_LISTEN_ADDR')).toBe('[::]:4143');
    expect(envOf(out, 'LINKERD2_PROXY_OUTBOUND_LISTEN_ADDRS')).toBe('127.0.0.1:4140,[::1]:4140');
    expect(initOf(out)!.args).not.toContain('--ipv6=false');
  });

  it('a proxy gid adds runAsGroup and --proxy-gid', () => {
    const out = injected(pod({ 'config.linkerd.io/proxy-gid': '3000' }));
    expect(proxyOf(out).securityContext?.runAsGroup).toBe(3000);
    expect(initOf(out)!.args).toEqual(expect.arrayContaining(['--proxy-gid', '3000']));
  });
});

describe('injectLinkerdPod as the proxy injector', () => {
  it('annotates the default opaque ports the pod declares, init containers first, and the proxy takes them', () => {
    const p = pod({}, { initContainers: [{ name: 'cache', image: 'c', ports: [{ containerPort: 11211 }] }], containers: [{ name: 'db', image: 'd', ports: [{ containerPort: 3306 }, { containerPort: 80 }] }] });
    const out = injected(p, values(), { origin: 'webhook' });
    expect(out.metadata.annotations!['config.linkerd.io/opaque-ports']).toBe('11211,3306');
    expect(envOf(out, 'LINKERD2_PROXY_INBOUND_PORTS_DISABLE_PROTOCOL_DETECTION')).toBe('11211,3306');
    expect(injected(p).metadata.annotations!['config.linkerd.io/opaque-ports']).toBeUndefined();
  });

  it('no opaque-ports annotation when the pod or its namespace sets one, or no declared port is a default one', () => {
    const p = pod({}, { containers: [{ name: 'db', image: 'd', ports: [{ containerPort: 3306 }] }] });
    const fromNs = injected(p, values(), { origin: 'webhook', namespaceAnnotations: { 'config.linkerd.io/opaque-ports': '9000' } });
    expect(fromNs.metadata.annotations!['config.linkerd.io/opaque-ports']).toBe('9000');
    expect(injected(pod(), values(), { origin: 'webhook' }).metadata.annotations!['config.linkerd.io/opaque-ports']).toBeUndefined();
  });
});

describe('injectLinkerdPod refusals', () => {
  it('linkerd.io/inject: disabled: no pod, an info result', () => {
    const out = inject(pod({ 'linkerd.io/inject': 'disabled' }));
    expect(out.pod).toBeNull();
    expect(out.results.map((r) => [r.severity, r.code])).toEqual([['info', 'skipped-pod-opt-out']]);
  });

  it('hostNetwork, an existing sidecar, automount off without projection: not-injectable errors', () => {
    expect(inject(pod({}, { hostNetwork: true })).results.map((r) => [r.severity, r.code])).toEqual([['error', 'not-injectable']]);
    expect(inject(pod({}, { containers: [{ name: 'istio-proxy', image: 'x' }] })).results.map((r) => r.code)).toEqual(['not-injectable']);
    const noProjection = values((v) => (v.identity.serviceAccountTokenProjection = false));
    expect(inject(pod({}, { automountServiceAccountToken: false }), noProjection).results.map((r) => r.code)).toEqual(['not-injectable']);
    expect(inject(pod({}, { automountServiceAccountToken: false })).pod).not.toBeNull();
  });

  it('a pod template without containers is an invalid pod spec', () => {
    expect(inject({ metadata: {}, spec: {} as never }).results.map((r) => r.code)).toEqual(['invalid-pod-spec']);
  });
});
