/** A synthetic GitOps repository: workload documents mixed with the other objects repos hold. */

const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job'] as const;

function workload(i: number): string {
  const kind = WORKLOAD_KINDS[i % WORKLOAD_KINDS.length]!;
  const apiVersion = kind === 'Job' ? 'batch/v1' : 'apps/v1';
  return `# service ${i}, owned by team-${i % 17}
apiVersion: ${apiVersion}
kind: ${kind}
metadata:
  name: svc-${i}
  namespace: team-${i % 17}
  labels:
    app: svc-${i}
spec:
  selector:
    matchLabels:
      app: svc-${i}
  template:
    metadata:
      labels:
        app: svc-${i}
        version: v${i % 5}
      annotations:
        prometheus.io/scrape: "true"
    spec:
      containers:
        - name: app
          image: "registry.example.com/team-${i % 17}/svc-${i}:1.${i % 40}.0"
          args: ["--port=8080", "--log-level=info"]
          ports:
            - name: http
              containerPort: 8080
          env:
            - name: MODE
              value: "production"
            - name: FEATURE_FLAG
              value: "on"
          readinessProbe:
            httpGet:
              path: /ready
              port: 8080
          resources:
            requests: {cpu: 100m, memory: 128Mi}
            limits: {memory: 256Mi}
`;
}

function other(i: number): string {
  switch (i % 4) {
    case 0:
      return `apiVersion: v1
kind: Service
metadata:
  name: svc-${i}
  namespace: team-${i % 17}
spec:
  selector:
    app: svc-${i}
  ports:
    - name: http
      port: 80
      targetPort: http
`;
    case 1:
      return `apiVersion: v1
kind: ConfigMap
metadata:
  name: config-${i}
data:
  settings.yaml: |
    retries: 3
    timeout: 5s
    endpoints:
      - https://a.example.com
      - https://b.example.com
`;
    case 2:
      return `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ing-${i}
spec:
  rules:
    - host: svc-${i}.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: svc-${i}
                port:
                  number: 80
`;
    default:
      return `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: pdb-${i}
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app: svc-${i}
`;
  }
}

/** Files of one workload and two other objects each, as an app directory usually holds. */
export function syntheticRepo(workloads: number, others: number): Map<string, string> {
  const files = new Map<string, string>();
  const perFile = Math.max(1, Math.round(others / workloads));
  let o = 0;
  for (let i = 0; i < workloads; i++) {
    const docs = [workload(i)];
    for (let k = 0; k < perFile && o < others; k++) docs.push(other(o++));
    files.set(`apps/team-${i % 17}/svc-${i}.yaml`, docs.join('---\n'));
  }
  while (o < others) files.set(`shared/extra-${o}.yaml`, other(o++));
  return files;
}
