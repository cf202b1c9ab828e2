/** Configs used across engine tests. */
import { defaultConfig } from '../../config/defaults.js';
import type { InjectConfig } from '../../transformer/inject-config.js';

/** No mesh, one classic and one native custom sidecar: exercises every kind of insertion. */
export function sidecarsOnlyConfig(): InjectConfig {
  const config = defaultConfig();
  config.mesh = 'none';
  config.sidecars = [
    {
      name: 'logging',
      selector: {},
      containers: [
        {
          name: 'fluent-bit',
          image: 'fluent/fluent-bit:3.1',
          args: ['-c', '/fluent-bit/etc/fluent-bit.conf'],
          env: [{ name: 'FLB_LOG_LEVEL', value: 'on' }],
          volumeMounts: [{ name: 'varlog', mountPath: '/var/log' }],
        },
      ],
      initContainers: [],
      volumes: [{ name: 'varlog', emptyDir: {} }],
      annotations: { 'fluentbit.io/parser': 'json' },
      labels: { 'logging.example.com/enabled': 'true' },
      native: false,
    },
    {
      name: 'agent',
      selector: {},
      containers: [{ name: 'vault-agent', image: 'hashicorp/vault:1.17', args: ['agent', '-config=/etc/vault/config.hcl'] }],
      initContainers: [{ name: 'wait-for-db', image: 'busybox:1.36', command: ['sh', '-c', 'until nc -z db 5432; do sleep 1; done'] }],
      volumes: [],
      annotations: {},
      labels: {},
      native: true,
    },
  ];
  return config;
}
