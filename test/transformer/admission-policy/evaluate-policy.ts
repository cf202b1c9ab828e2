/**
 * Evaluates a ValidatingAdmissionPolicy and its binding offline, the way the API server does for
 * one admission request (k8s.io/apiserver's validating policy plugin): resourceRules and the
 * namespaceSelector, then every matchCondition (all true, or the pod is not checked), then the
 * validations with `object`, `namespaceObject`, `request` and the policy's `variables` (each
 * evaluated once, in order, seeing the ones before it), with standard CEL plus the strings
 * extension (@bufbuild/cel). A CEL error throws: the generated policy must never hit one.
 */
import { isCelError, run, type CelInput } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { selectorMatches, type LabelSelector } from '../../../transformer/kube/label-selector.js';

export interface AdmissionRequest {
  /** The pod as the API server holds it at admission (metadata.namespace set). */
  pod: Record<string, unknown>;
  /** The Namespace object of the pod, as in the cluster. */
  namespace: { metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> } };
  operation?: 'CREATE' | 'UPDATE';
}

export interface Verdict {
  /** The request reached the validations (rules, selector and matchConditions all matched). */
  matched: boolean;
  /** Messages of the failed validations. */
  violations: string[];
  /** What the API server does: Deny refuses the request; Warn/Audit admit it. */
  admitted: boolean;
  warnings: string[];
}

type Obj = Record<string, any>;

/** JSON data → CEL values: objects as maps, integers as CEL ints. */
export function toCel(value: unknown): CelInput {
  if (Array.isArray(value)) return value.map(toCel);
  if (value !== null && typeof value === 'object') return new Map(Object.entries(value).map(([k, v]) => [k, toCel(v)]));
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  return value as CelInput;
}

function evaluate(expression: string, bindings: Record<string, CelInput>, what: string): unknown {
  const result = run(expression, bindings, { funcs: strings });
  if (isCelError(result)) throw new Error(`${what}: CEL error: ${result.message}\n${expression}`);
  return result;
}

export function evaluatePolicy(policy: Obj, binding: Obj, request: AdmissionRequest): Verdict {
  const none: Verdict = { matched: false, violations: [], admitted: true, warnings: [] };
  const operation = request.operation ?? 'CREATE';
  const spec = policy.spec;
  const rulesMatch = (spec.matchConstraints.resourceRules as Obj[]).some(
    (r) => r.apiGroups.includes('') && r.apiVersions.includes('v1') && r.resources.includes('pods') && r.operations.includes(operation),
  );
  if (!rulesMatch) return none;
  const nsLabels = { 'kubernetes.io/metadata.name': request.namespace.metadata.name, ...request.namespace.metadata.labels };
  const selector = spec.matchConstraints.namespaceSelector as LabelSelector | undefined;
  if (selector && !selectorMatches(selector, nsLabels)) return none;
  if (binding.spec.matchResources) throw new Error('binding matchResources: not evaluated here');

  const namespaceObject = { ...request.namespace, metadata: { ...request.namespace.metadata, labels: nsLabels } };
  const bindings: Record<string, CelInput> = {
    object: toCel(request.pod),
    oldObject: null,
    namespaceObject: toCel(namespaceObject),
    request: toCel({ operation, namespace: request.namespace.metadata.name, name: (request.pod.metadata as Obj | undefined)?.name ?? '', kind: { group: '', version: 'v1', kind: 'Pod' }, resource: { group: '', version: 'v1', resource: 'pods' } }),
  };
  for (const condition of (spec.matchConditions ?? []) as Obj[]) {
    // The API server gives matchConditions no namespaceObject and no variables.
    const { namespaceObject: _n, ...conditionBindings } = bindings;
    if (evaluate(condition.expression, conditionBindings, `matchCondition ${condition.name}`) !== true) return none;
  }
  const variables = new Map<string, CelInput>();
  for (const variable of (spec.variables ?? []) as Obj[]) {
    variables.set(variable.name, evaluate(variable.expression, { ...bindings, variables }, `variable ${variable.name}`) as CelInput);
  }
  const violations: string[] = [];
  for (const validation of spec.validations as Obj[]) {
    const ok = evaluate(validation.expression, { ...bindings, variables }, 'validation');
    if (typeof ok !== 'boolean') throw new Error(`validation is not a bool: ${validation.expression}`);
    if (ok) continue;
    const message = validation.messageExpression ? evaluate(validation.messageExpression, { ...bindings, variables }, 'messageExpression') : validation.message;
    violations.push(String(message));
  }
  const actions = binding.spec.validationActions as string[];
  const denied = violations.length > 0 && actions.includes('Deny');
  return { matched: true, violations, admitted: !denied, warnings: actions.includes('Warn') ? violations : [] };
}
