/** The `linkerd-debug` sidecar (`config.linkerd.io/enable-debug-sidecar: "true"`). */
import type { Container } from '../../kube/objects.js';
import { DEBUG_CONTAINER } from './names.js';
import { imageOf, pullPolicyOf } from './proxy-container.js';
import type { LinkerdValues } from './values.js';

export function debugContainer(values: LinkerdValues): Container {
  const image = values.debugContainer.image;
  // Some environments require probes: these never fail.
  const alwaysTrue = { exec: { command: ['true'] } };
  return {
    image: imageOf(image, values.linkerdVersion),
    imagePullPolicy: pullPolicyOf(image, values),
    livenessProbe: alwaysTrue,
    name: DEBUG_CONTAINER,
    readinessProbe: { exec: { command: ['true'] } },
    terminationMessagePolicy: 'FallbackToLogsOnError',
  };
}
