/**
 * The `ValidatingAdmissionPolicy` and its binding (admissionregistration.k8s.io/v1, Kubernetes
 * >= 1.30) that hold the cluster to what `inject` would have written: on pod CREATE, a pod the
 * decision table injects must carry the mesh's proxy, and the mesh's containers must run the
 * configured images. Standard CEL plus the strings extension only.
 *
 * Where each row of the decision table (`policy/decision.ts`) goes:
 * - hostNetwork, `mesh-inject.dev/inject: "false"`, `namespaces.skip` globs: `matchConditions`
 *   (such pods are not checked at all);
 * - system namespaces and plain `namespaces.skip` names: the `namespaceSelector`;
 * - the mesh's rows (`mesh-rules.ts`, with template mode's injector policy and selectors) and
 *   `namespaces.inject`: the variable `injectionRequired`;
 * - another injector's pod (a mesh's marker without mesh-inject's record), which `inject` leaves
 *   alone: not required to have the proxy; its proxy's image is still held to the config's.
 */
import type { InjectConfig } from '../inject-config.js';
import type { ValidatingAdmissionPolicy, ValidatingAdmissionPolicyBinding, Validation } from '../kube/objects.js';
import { SYSTEM_NAMESPACES } from '../kube/system-namespaces.js';
import type { ProxyConfigResource } from '../mesh/istio/proxy-config-crs.js';
import { MESH_FOOTPRINTS } from '../mesh/footprints.js';
import { injectorPolicy } from '../mesh/istio-templates/inputs.js';
import type { InjectorPolicy } from '../mesh/istio-templates/types.js';
import type { MeshPreset, NamespaceMeta } from '../mesh/types.js';
import { RECORD_ANNOTATION } from '../record/format.js';
import type { Result } from '../results.js';
import { celString, celStringMap, globsToCel } from './cel-text.js';
import { istioRules, linkerdRules, type MeshRules, type PolicyVariable } from './mesh-rules.js';
import { podAnnotation, podLabelOrAnnotation } from './metadata-lookups.js';
import { proxyImages, type ExpectedImages, type ImageMap } from './proxy-images.js';
import { selectorToCel } from './selector-cel.js';

export type PolicyMode = 'Deny' | 'Warn' | 'Audit';

export interface PolicyInput {
  config: InjectConfig;
  preset: MeshPreset;
  /** `Namespace` objects of the input, by name. */
  namespaces: ReadonlyMap<string, NamespaceMeta>;
  proxyConfigs?: readonly ProxyConfigResource[];
  mode: PolicyMode;
}

/** Typed with Kubernetes' own API types, so a misspelt field does not compile. */
export type PolicyObjects = { objects: [ValidatingAdmissionPolicy, ValidatingAdmissionPolicyBinding] } | { results: Result[] };

/** kubernetes-types 1.30 lacks the `resources` field its generator drops from `NamedRuleWithOperations`. */
const POD_CREATE = { apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['pods'] };

const FIX = 'run mesh-inject inject on its manifest and apply the result';
/** A proxy without mesh-inject's record may be another tool's, which `inject` leaves alone (skipped-foreign-injection). */
const STALE_FIX = `${FIX} (injected by another tool, e.g. istioctl kube-inject? run mesh-inject uninject --ignore-record on it first)`;

export function admissionPolicy(input: PolicyInput): PolicyObjects {
  const probed = proxyImages(input.preset, input.config, input.proxyConfigs);
  if ('results' in probed) return probed;
  const rules = input.preset.mesh === 'istio' ? istioRules(input.config, input.namespaces, templateInjectorPolicy(input.config)) : linkerdRules(input.namespaces);
  const name = `mesh-inject-${input.preset.mesh}-proxy`;
  const labels = { 'app.kubernetes.io/managed-by': 'mesh-inject' };
  const policy: ValidatingAdmissionPolicy = {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicy',
    metadata: { name, labels },
    spec: {
      failurePolicy: 'Fail',
      matchConstraints: {
        resourceRules: [POD_CREATE],
        namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: excludedNames(input.config) }] },
      },
      matchConditions: matchConditions(input.config),
      variables: variables(input.config, rules, probed),
      validations: validations(input.preset.mesh, rules, probed.images),
    },
  };
  const binding: ValidatingAdmissionPolicyBinding = {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicyBinding',
    metadata: { name, labels },
    spec: { policyName: name, validationActions: [input.mode] },
  };
  return { objects: [policy, binding] };
}

/** The annotations each mesh's own injector marks a pod with. */
function foreignMarkers(): string[] {
  return [...new Set(MESH_FOOTPRINTS.flatMap((f) => (f.injectedMarker ? [f.injectedMarker] : [])))].sort();
}

/** Template mode: the injector config's policy and selectors, which decide as in `inject`. */
function templateInjectorPolicy(config: InjectConfig): InjectorPolicy | undefined {
  return config.istio.cluster ? injectorPolicy(config.istio.cluster) : undefined;
}

/** System namespaces and the plain names of `namespaces.skip`. */
function excludedNames(config: InjectConfig): string[] {
  return [...new Set([...SYSTEM_NAMESPACES, ...config.namespaces.skip.filter((g) => !/[*?]/.test(g))])].sort();
}

function matchConditions(config: InjectConfig): { name: string; expression: string }[] {
  const conditions = [
    { name: 'not-host-network', expression: '!(has(object.spec.hostNetwork) && object.spec.hostNetwork)' },
    { name: 'not-opted-out', expression: `(${podLabelOrAnnotation('mesh-inject.dev/inject')}) != 'false'` },
  ];
  const skipGlobs = config.namespaces.skip.filter((g) => /[*?]/.test(g));
  if (skipGlobs.length > 0) conditions.push({ name: 'namespace-not-skipped', expression: `!(${globsToCel('request.namespace', skipGlobs)})` });
  return conditions;
}

function variables(config: InjectConfig, rules: MeshRules, images: ExpectedImages): PolicyVariable[] {
  const inInit = (test: string) => `(has(object.spec.initContainers) && object.spec.initContainers.exists(c, ${test}))`;
  const proxyNamed = `c.name == ${celString(rules.proxy)}`;
  return [
    { name: 'selectedByConfig', expression: globsToCel('request.namespace', config.namespaces.inject) },
    ...rules.variables,
    { name: 'hasProxy', expression: `(object.spec.containers.exists(c, ${proxyNamed}) || ${inInit(proxyNamed)}) && (${podAnnotation(rules.marker)}) != ''` },
    { name: 'injectedByMeshInject', expression: `(${podAnnotation(RECORD_ANNOTATION)}) != ''` },
    // a mesh's own injector (or istioctl, linkerd inject) marked it: inject leaves such pods alone (skipped-foreign-injection)
    { name: 'foreignInjection', expression: `!variables.injectedByMeshInject && (${foreignMarkers().map((m) => `(${podAnnotation(m)}) != ''`).join(' || ')})` },
    { name: 'imageOverridden', expression: rules.imageOverridden },
    { name: 'expectedImages', expression: expectedImagesCel(images) },
    {
      name: 'imageChecked',
      expression: 'variables.hasProxy && !variables.imageOverridden && (variables.injectionRequired || variables.injectedByMeshInject)',
    },
  ];
}

function imageMapCel(images: ImageMap): string {
  return celStringMap([...images].sort(([a], [b]) => a.localeCompare(b)));
}

/** The images for the pod: its workload ProxyConfig's (first match), its namespace's, else the mesh-wide ones. */
function expectedImagesCel(expected: ExpectedImages): string {
  const branches = expected.byWorkload.map((w) => `request.namespace == ${celString(w.namespace)} && ${selectorToCel({ matchLabels: { ...w.matchLabels } })} ? ${imageMapCel(w.images)}`);
  if (expected.byNamespace.size > 0) {
    const byNamespace = `{${[...expected.byNamespace].map(([ns, images]) => `${celString(ns)}: ${imageMapCel(images)}`).join(', ')}}`;
    branches.push(`request.namespace in ${byNamespace} ? ${byNamespace}[request.namespace]`);
  }
  return [...branches, imageMapCel(expected.images)].join('\n: ');
}

function validations(mesh: string, rules: MeshRules, images: ReadonlyMap<string, string>): Validation[] {
  const imageOk = `variables.expectedImages[c.name] == (has(c.image) ? c.image : '') || ${rules.containerChoseImage}`;
  const allOk = (list: string) => `${list}.all(c, !(c.name in variables.expectedImages) || ${imageOk})`;
  const proxyImage = images.get(rules.proxy) ?? [...images.values()][0] ?? '';
  const missing = `this pod has no ${rules.proxy} injected (the container and the ${rules.marker} annotation), but mesh-inject's config injects ${mesh} into it: ${FIX} (or opt the pod out with ${rules.optOut})`;
  return [
    {
      expression: '!variables.injectionRequired || variables.hasProxy || variables.foreignInjection',
      message: missing,
      messageExpression: `'namespace ' + request.namespace + ': ' + ${celString(missing)}`,
      reason: 'Forbidden',
    },
    {
      expression: `!variables.imageChecked || (${allOk('object.spec.containers')} && (!has(object.spec.initContainers) || ${allOk('object.spec.initContainers')}))`,
      message: `the ${mesh} proxy of this pod does not run the configured image ${proxyImage} (a manifest injected before an upgrade?): ${STALE_FIX}`,
      // the image this pod's namespace or workload expects, which ProxyConfig CRs can change
      messageExpression: `${celString(`the ${mesh} proxy of this pod does not run the configured image `)} + (${celString(rules.proxy)} in variables.expectedImages ? variables.expectedImages[${celString(rules.proxy)}] : ${celString(proxyImage)}) + ${celString(` (a manifest injected before an upgrade?): ${STALE_FIX}`)}`,
      reason: 'Forbidden',
    },
  ];
}
