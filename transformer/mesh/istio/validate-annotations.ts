/**
 * Istio's annotation validation table (`validate.go`): an invalid value of any of these annotations
 * makes Istio refuse to inject, and so does the preset (error Result `invalid-annotation`, pod
 * `null`). Also refused: `userVolume`/`userVolumeMount` that are not JSON maps (Istio's template
 * fails on them). Unknown values Istio silently ignores get a warning instead.
 */
import type { Result } from '../../results.js';
import { parseGoBool } from './go-compat.js';
import { ANN } from './names.js';
import { joinPath } from './pod-access.js';
import { defaultProxyConfig, mergeProxyConfig, parseProxyConfigAnnotation } from './proxy-config.js';
import { validateProxyConfig } from './proxy-config-validate.js';
import {
  checkBool,
  checkExcludeIPRanges,
  checkIncludeIPRanges,
  checkInterceptionMode,
  checkInterfaceNames,
  checkPortList,
  checkQuantity,
  checkStatusPort,
  checkUint32,
  type Check,
} from './value-checks.js';
import { parseUserJson } from './volumes.js';

interface Rule {
  check: Check;
  /** How to fix it, appended to the message. */
  fix: string;
}

const PORTS_FIX = 'use a comma-separated list of port numbers';
const QUANTITY_FIX = 'use a Kubernetes quantity such as 100m, 0.5 or 128Mi';
const INTERFACES_FIX = 'use a comma-separated list of interface names (letters, digits, _ . -; at most 15 characters)';

const RULES: Readonly<Record<string, Rule>> = {
  [ANN.interceptionMode]: { check: checkInterceptionMode, fix: 'use REDIRECT, TPROXY or NONE' },
  [ANN.statusPort]: { check: checkStatusPort, fix: 'use a port number (0 disables the agent status port)' },
  [ANN.readinessInitialDelaySeconds]: { check: checkUint32, fix: 'use a whole number of seconds' },
  [ANN.readinessPeriodSeconds]: { check: checkUint32, fix: 'use a whole number of seconds' },
  [ANN.readinessFailureThreshold]: { check: checkUint32, fix: 'use a whole number' },
  [ANN.includeOutboundIPRanges]: { check: checkIncludeIPRanges, fix: 'use "*" or a comma-separated list of CIDRs' },
  [ANN.excludeOutboundIPRanges]: { check: checkExcludeIPRanges, fix: 'use a comma-separated list of CIDRs ("*" is not allowed here)' },
  [ANN.includeInboundPorts]: { check: checkPortList('includeInboundPorts', true), fix: 'use "*" or a comma-separated list of port numbers' },
  [ANN.excludeInboundPorts]: { check: checkPortList('excludeInboundPorts', false), fix: `${PORTS_FIX} ("*" is not allowed here)` },
  [ANN.excludeOutboundPorts]: { check: checkPortList('excludeOutboundPorts', false), fix: `${PORTS_FIX} ("*" is not allowed here)` },
  [ANN.excludeInterfaces]: { check: checkInterfaceNames, fix: INTERFACES_FIX },
  [ANN.kubevirtInterfaces]: { check: checkInterfaceNames, fix: INTERFACES_FIX },
  [ANN.rerouteVirtualInterfaces]: { check: checkInterfaceNames, fix: INTERFACES_FIX },
  [ANN.mergeMetrics]: { check: checkBool, fix: 'use "true" or "false"' },
  [ANN.proxyConfig]: { check: checkProxyConfig, fix: 'use ProxyConfig fields in YAML or JSON, e.g. {"holdApplicationUntilProxyStarts": true}' },
  [ANN.proxyCPU]: { check: checkQuantity, fix: QUANTITY_FIX },
  [ANN.proxyMemory]: { check: checkQuantity, fix: QUANTITY_FIX },
  [ANN.proxyCPULimit]: { check: checkQuantity, fix: QUANTITY_FIX },
  [ANN.proxyMemoryLimit]: { check: checkQuantity, fix: QUANTITY_FIX },
  [ANN.userVolume]: { check: checkUserJson, fix: 'use a JSON object mapping volume names to volume sources, e.g. {"certs":{"secret":{"secretName":"c"}}}' },
  [ANN.userVolumeMount]: { check: checkUserJson, fix: 'use a JSON object mapping volume names to mounts, e.g. {"certs":{"mountPath":"/etc/certs"}}' },
};

/** Values Istio accepts but silently ignores or reads loosely. */
const LOOSE: Readonly<Record<string, { valid: (v: string) => boolean; meaning: string }>> = {
  [ANN.nativeSidecar]: { valid: (v) => v === 'true' || v === 'false' || v === '', meaning: 'anything but "false" injects a native sidecar' },
  [ANN.rewriteAppHTTPProbers]: { valid: (v) => parseGoBool(v) !== undefined, meaning: 'the configured rewriteAppHTTPProbe setting applies' },
};

export function validateAnnotations(annotations: Readonly<Record<string, string>>, podPath: string): Result[] {
  const results: Result[] = [];
  for (const [name, value] of Object.entries(annotations)) {
    const path = joinPath(podPath, `metadata.annotations.${name}`);
    const rule = RULES[name];
    const problem = rule?.check(value);
    if (rule && problem) {
      results.push({
        severity: 'error',
        code: 'invalid-annotation',
        field: { path },
        message: `invalid value '${value}' for annotation '${name}': ${problem}; ${rule.fix}`,
      });
    }
    const loose = LOOSE[name];
    if (loose && !loose.valid(value)) {
      results.push({
        severity: 'warning',
        code: 'unknown-annotation-value',
        field: { path },
        message: `unexpected value '${value}' for annotation '${name}' (use "true" or "false"): ${loose.meaning}`,
      });
    }
  }
  return results;
}

function checkProxyConfig(text: string): string | undefined {
  const parsed = parseProxyConfigAnnotation(text);
  if (!parsed.ok) return `failed to apply proxy config: ${parsed.error}`;
  const problems = validateProxyConfig(mergeProxyConfig(defaultProxyConfig(), parsed.overlay));
  return problems.length > 0 ? problems.join('; ') : undefined;
}

function checkUserJson(text: string): string | undefined {
  return parseUserJson(text) ? undefined : 'not a JSON object whose values are objects';
}
