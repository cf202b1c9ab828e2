/**
 * Istio's `otelResourceAttributes meshConfig annotations labels namespace containers`: the
 * `OTEL_RESOURCE_ATTRIBUTES` value when an OpenTelemetry extension provider asks for
 * `OTEL_SEMANTIC_CONVENTIONS` service attribute enrichment, else "".
 */
import { readField, readList, readString, stringMapGet } from './istio-access.js';

const SEMANTIC_CONVENTIONS = 'OTEL_SEMANTIC_CONVENTIONS';

/** `[registry[:port]/]name[:tag][@digest]` -> tag and digest. */
function parseImageTagDigest(image: string): { tag: string; digest: string } {
  let rest = image;
  let digest = '';
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const lastSlash = rest.lastIndexOf('/');
  const lastColon = rest.lastIndexOf(':');
  return { tag: lastColon > lastSlash ? rest.slice(lastColon + 1) : '', digest };
}

function wantsSemanticConventions(meshConfig: unknown): boolean {
  return readList(meshConfig, 'ExtensionProviders').some((provider) => {
    const otel = readField(provider, 'Opentelemetry');
    return otel !== undefined && otel !== null && readString(otel, 'ServiceAttributeEnrichment') === SEMANTIC_CONVENTIONS;
  });
}

export function otelResourceAttributes(
  meshConfig: unknown,
  annotations: unknown,
  labels: unknown,
  namespace: string,
  containers: unknown[] | null,
): string {
  if (!wantsSemanticConventions(meshConfig)) return '';
  const list = containers ?? [];
  const attrs: string[] = [];

  const ns = stringMapGet(annotations, 'resource.opentelemetry.io/service.namespace');
  if (ns.found && ns.value !== '') attrs.push('service.namespace=' + ns.value);
  else if (namespace !== '') attrs.push('service.namespace=' + namespace);

  const version = stringMapGet(annotations, 'resource.opentelemetry.io/service.version');
  const appVersion = stringMapGet(labels, 'app.kubernetes.io/version');
  if (version.found && version.value !== '') attrs.push('service.version=' + version.value);
  else if (appVersion.found && appVersion.value !== '') attrs.push('service.version=' + appVersion.value);
  else if (list.length === 1) {
    const { tag, digest } = parseImageTagDigest(readString(list[0], 'Image'));
    if (tag !== '' && digest !== '') attrs.push(`service.version=${tag}@${digest}`);
    else if (digest !== '') attrs.push('service.version=' + digest);
    else if (tag !== '') attrs.push('service.version=' + tag);
  }

  const instance = stringMapGet(annotations, 'resource.opentelemetry.io/service.instance.id');
  if (instance.found && instance.value !== '') attrs.push('service.instance.id=' + instance.value);
  else if (list.length > 0) attrs.push(`service.instance.id=${namespace}.$(POD_NAME).${readString(list[0], 'Name')}`);

  return attrs.join(',');
}
