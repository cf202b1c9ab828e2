/**
 * `istioctl kube-inject`, offline and pure: a stream and the cluster's injection inputs in,
 * istioctl's output stream and warnings out (see kube-inject.ts).
 */
export { kubeInject, type KubeInjectOptions, type KubeInjectOutcome, type KubeInjectFailure } from './kube-inject.js';
export { readInjectConfig, type KubeInjectInjector } from './inject-config.js';
