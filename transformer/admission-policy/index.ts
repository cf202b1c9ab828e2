/** `mesh-inject policy`: the admission policy that enforces the config's injection in the cluster (docs/admission-policy.md). */
export { admissionPolicy, type PolicyInput, type PolicyMode, type PolicyObjects } from './build-policy.js';
export { policyText, type PolicyFormat } from './policy-text.js';
