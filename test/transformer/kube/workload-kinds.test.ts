import { describe, expect, it } from 'vitest';
import { findWorkload } from '../../../transformer/kube/workload-kinds.js';

describe('pod template locations', () => {
  const cases: Array<[string, string, string | undefined]> = [
    ['v1', 'Pod', ''],
    ['apps/v1', 'Deployment', 'spec.template'],
    ['apps/v1', 'StatefulSet', 'spec.template'],
    ['apps/v1', 'DaemonSet', 'spec.template'],
    ['apps/v1', 'ReplicaSet', 'spec.template'],
    ['v1', 'ReplicationController', 'spec.template'],
    ['batch/v1', 'Job', 'spec.template'],
    ['batch/v1', 'CronJob', 'spec.jobTemplate.spec.template'],
    ['apps.openshift.io/v1', 'DeploymentConfig', 'spec.template'],
    ['v1', 'DeploymentConfig', 'spec.template'],
    ['v1', 'Service', undefined],
    ['argoproj.io/v1alpha1', 'Rollout', undefined],
    ['example.com/v1', 'Deployment', undefined],
  ];
  for (const [apiVersion, kind, path] of cases) {
    it(`${apiVersion} ${kind}`, () => {
      const match = findWorkload(apiVersion, kind);
      expect(match?.podPath.join('.')).toBe(path);
    });
  }

  it('takes extra kinds from config, including group/* versions', () => {
    const extra = [{ apiVersion: 'argoproj.io/*', kind: 'Rollout', podTemplate: 'spec.template' }];
    expect(findWorkload('argoproj.io/v1alpha1', 'Rollout', extra)?.podPath).toEqual(['spec', 'template']);
    expect(findWorkload('argoproj.io/v1alpha1', 'AnalysisTemplate', extra)).toBeUndefined();
  });
});
