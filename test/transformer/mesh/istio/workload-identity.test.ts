import { describe, expect, it } from 'vitest';
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import { ownerURI, workloadIdentity } from '../../../../transformer/mesh/istio/workload-identity.js';
import type { PodTemplate, WorkloadInfo } from '../../../../transformer/mesh/types.js';

const POD: WorkloadInfo = { apiVersion: 'v1', kind: 'Pod', name: 'p', namespace: 'ns', labels: {} };

function bare(owner: Partial<OwnerReference>, labels: Record<string, string> = {}): PodTemplate {
  return {
    metadata: { name: 'p', generateName: 'p-', labels, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'x', uid: 'u', controller: true, ...owner }] },
    spec: { containers: [] },
  };
}

describe('workload identity', () => {
  it.each([
    ['ReplicaSet with pod-template-hash => Deployment', bare({ name: 'web-abc' }, { 'pod-template-hash': 'abc' }), 'Deployment', 'web'],
    ['ReplicaSet with rollouts hash => Rollout', bare({ name: 'web-abc' }, { 'rollouts-pod-template-hash': 'abc' }), 'Rollout', 'web'],
    ['RC with deploymentconfig label => DeploymentConfig', bare({ kind: 'ReplicationController', apiVersion: 'v1', name: 'dc-1' }, { deploymentconfig: 'dc' }), 'DeploymentConfig', 'dc'],
    ['Job with a timestamp => CronJob', bare({ kind: 'Job', apiVersion: 'batch/v1', name: 'nightly-28000000' }), 'CronJob', 'nightly'],
    ['other controllers as they are', bare({ kind: 'Bar', apiVersion: 'foo/v1', name: 'b' }), 'Bar', 'b'],
  ])('%s', (_, pod, kind, name) => {
    expect(workloadIdentity(POD, pod)).toMatchObject({ kind, name });
  });

  it('keeps the Pod itself without generateName or controller', () => {
    const pod = bare({ controller: false });
    expect(workloadIdentity(POD, pod)).toMatchObject({ kind: 'Pod', name: 'p' });
    delete pod.metadata.generateName;
    expect(workloadIdentity(POD, pod)).toMatchObject({ kind: 'Pod', name: 'p' });
  });

  it('builds the owner URI with a plural lower-cased kind', () => {
    expect(ownerURI({ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', namespace: '' })).toBe('kubernetes://apis/apps/v1/namespaces/default/statefulsets/db');
  });
});
