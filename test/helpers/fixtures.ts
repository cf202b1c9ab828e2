/** Small manifests shared by CLI and KRM tests. */
export const DEPLOYMENT = `# web front end
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web   # keep this comment
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: "nginx:1.27"
          ports:
            - containerPort: 8080
`;

export const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports:
  - port: 80
`;
