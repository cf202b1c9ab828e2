/**
 * Linkerd's per-resource report (`pkg/inject/report.go`) and the two texts the CLI prints from a
 * list of them on stderr: `linkerd inject`'s checks and summary (`--verbose` adds the passed checks)
 * and `linkerd uninject`'s summary.
 */
import { LINKERD_REFUSALS } from '../mesh/linkerd/index.js';

export interface LinkerdReport {
  /** Lower-cased kind as written ('' when the document has none). */
  kind: string;
  name: string;
  hostNetwork: boolean;
  sidecar: boolean;
  udp: boolean;
  unsupportedResource: boolean;
  injectDisabled: boolean;
  /** False when the pod cannot get an identity (automountServiceAccountToken: false without token projection). */
  automountServiceAccountToken: boolean;
  annotatable: boolean;
  annotated: boolean;
  uninjectedProxy: boolean;
  uninjectedProxyInit: boolean;
}

export function emptyReport(kind: string, name: string): LinkerdReport {
  return {
    kind, name, hostNetwork: false, sidecar: false, udp: false, unsupportedResource: false, injectDisabled: false,
    automountServiceAccountToken: true, annotatable: false, annotated: false, uninjectedProxy: false, uninjectedProxyInit: false,
  };
}

/** Whether the proxy goes in: not on host network, no sidecar yet, a pod template, not disabled, an identity. UDP only warns. */
export function injectable(r: LinkerdReport): boolean {
  return !r.hostNetwork && !r.sidecar && !r.unsupportedResource && !r.injectDisabled && r.automountServiceAccountToken;
}

/** The conditions that make `linkerd inject` fail instead of skipping (in Linkerd's order). */
export function injectErrors(r: LinkerdReport): string[] {
  const errors: string[] = [];
  if (!r.automountServiceAccountToken) errors.push(LINKERD_REFUSALS.automount);
  if (r.hostNetwork) errors.push(LINKERD_REFUSALS.hostNetwork);
  if (r.sidecar) errors.push(LINKERD_REFUSALS.sidecar);
  if (r.udp) errors.push(LINKERD_REFUSALS.udp);
  return errors;
}

const OK = '\u221a'; // √
const WARN = '\u203c'; // ‼

const resName = (r: LinkerdReport) => `${r.kind}/${r.name}`;

export function injectReportText(reports: readonly LinkerdReport[], verbose: boolean): string {
  let warned = verbose;
  const flagged = (pick: (r: LinkerdReport) => boolean) => {
    const names = reports.filter(pick).map(resName);
    if (names.length > 0) warned = true;
    return names;
  };
  const hostNetwork = flagged((r) => r.hostNetwork);
  const sidecar = flagged((r) => r.sidecar);
  const udp = flagged((r) => r.udp);
  const disabled = flagged((r) => r.injectDisabled);
  const noToken = flagged((r) => !r.automountServiceAccountToken);
  const anyInjected = reports.some(injectable);
  const anyAnnotatable = reports.some((r) => r.annotatable);

  let out = '\n';
  const check = (names: string[], warning: string, passed: string) => {
    if (names.length > 0) out += `${WARN} ${warning}\n`;
    else if (verbose) out += `${OK} ${passed}\n`;
  };
  check(hostNetwork, `"hostNetwork: true" detected in ${hostNetwork.join(', ')}`, 'pods do not use host networking');
  check(sidecar, `known 3rd party sidecar detected in ${sidecar.join(', ')}`, 'pods do not have a 3rd party proxy or initContainer already injected');
  check(disabled, `"linkerd.io/inject: disabled" annotation set on ${disabled.join(', ')}`, 'pods are not annotated to disable injection');
  if (!anyInjected && !anyAnnotatable) {
    out += `${WARN} no supported objects found\n`;
    warned = true;
  } else if (verbose) out += `${OK} at least one resource can be injected or annotated\n`;
  check(udp, `${udp.join(', ')} ${udp.length > 1 ? 'use' : 'uses'} "protocol: UDP"`, 'pod specs do not include UDP ports');
  if (noToken.length === 0 && verbose) out += `${OK} pods do not have automountServiceAccountToken set to "false" or service account token projection is enabled\n`;

  if (warned) out += '\n';
  for (const r of reports) {
    const ok = injectable(r);
    if (ok) out += `${r.kind} "${r.name}" injected\n`;
    else if (r.annotated) out += `${r.kind} "${r.name}" annotated\n`;
    else out += r.kind !== '' ? `${r.kind} "${r.name}" skipped\n` : 'document missing "kind" field, skipped\n';
  }
  return `${out}\n`;
}

export function uninjectReportText(reports: readonly LinkerdReport[]): string {
  let out = '\n';
  for (const r of reports) {
    if (r.uninjectedProxy || r.uninjectedProxyInit) out += `${r.kind} "${r.name}" uninjected\n`;
    else out += r.kind !== '' ? `${r.kind} "${r.name}" skipped\n` : 'document missing "kind" field, skipped\n';
  }
  return `${out}\n`;
}
