/**
 * `inject.istio.io/templates`: the built-in preset renders Istio's `sidecar` template only
 * (listing it several times is the same as once). Other templates (`gateway`, `grpc-agent`,
 * `spire`, user templates) need the cluster's own injector config.
 */
import type { Result } from '../../results.js';
import { ANN, SIDECAR_TEMPLATE } from './names.js';
import { joinPath } from './pod-access.js';

export function checkTemplates(annotations: Readonly<Record<string, string>>, podPath: string): Result[] {
  const value = annotations[ANN.templates];
  if (value === undefined) return [];
  const names = value.split(',').map((n) => n.trim());
  const unsupported = [...new Set(names.filter((n) => n !== SIDECAR_TEMPLATE))];
  if (unsupported.length === 0) return [];
  return [
    {
      severity: 'error',
      code: 'template-error',
      field: { path: joinPath(podPath, `metadata.annotations.${ANN.templates}`) },
      message:
        `${ANN.templates}: "${value}" asks for template(s) ${unsupported.map((n) => `"${n}"`).join(', ')}, ` +
        `but the built-in Istio preset renders only "${SIDECAR_TEMPLATE}"; remove the annotation, ` +
        `or set \`istio.injector\` (with \`meshConfig\` and \`values\`) to run the cluster's own templates`,
    },
  ];
}
