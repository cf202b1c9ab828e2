/**
 * Where the injected containers go. Native sidecar (`proxy.nativeSidecar`): the init container
 * (linkerd-init or the network validator) and then the proxy go first among the init containers,
 * so later init containers already have the proxy. Classic: the init container goes last among
 * the init containers, the debug sidecar last among the containers, and the proxy first among
 * the containers when `proxy.await` holds (the app waits for it), else last.
 */
import type { Container, PodSpec } from '../../kube/objects.js';

interface Injected {
  proxy: Container;
  init?: Container;
  debug?: Container;
}

export function placeContainers(spec: PodSpec, injected: Injected, native: boolean, await_: boolean): PodSpec {
  const initContainers = [...(spec.initContainers ?? [])];
  const containers = [...(spec.containers ?? [])];
  if (native) {
    initContainers.unshift(...(injected.init ? [injected.init] : []), injected.proxy);
  } else if (injected.init) {
    initContainers.push(injected.init);
  }
  if (injected.debug) containers.push(injected.debug);
  if (!native) {
    if (await_) containers.unshift(injected.proxy);
    else containers.push(injected.proxy);
  }
  const out: PodSpec = { ...spec, containers };
  if (initContainers.length > 0) out.initContainers = initContainers;
  return out;
}
