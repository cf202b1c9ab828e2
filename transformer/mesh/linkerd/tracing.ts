/**
 * The extra trace attributes the proxy gets when tracing is on: the chart's `proxy.tracing.labels`,
 * `service.name` from the pod's `app.kubernetes.io/instance` (else `app.kubernetes.io/name`) label,
 * and every `resource.opentelemetry.io/<key>` annotation as `<key>`.
 */
import type { LinkerdValues } from './values.js';

const SEMCONV_PREFIX = 'resource.opentelemetry.io/';

export function tracingLabels(values: LinkerdValues, podLabels: Readonly<Record<string, string>>, annotations: Readonly<Record<string, string>>): Record<string, string> {
  if (!values.proxy.tracing?.enabled) return {};
  const labels: Record<string, string> = { ...(values.proxy.tracing.labels ?? {}) };
  const service = podLabels['app.kubernetes.io/instance'] ?? podLabels['app.kubernetes.io/name'];
  if (service !== undefined) labels['service.name'] = service;
  for (const [name, value] of Object.entries(annotations)) {
    if (name.startsWith(SEMCONV_PREFIX)) labels[name.slice(SEMCONV_PREFIX.length)] = value;
  }
  return labels;
}
