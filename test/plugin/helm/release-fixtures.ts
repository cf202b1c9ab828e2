/** Rendered releases as Helm hands them to a post-renderer, and helpers to look into the output. */
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { splitDocuments } from '../../../transformer/yaml/split-documents.js';

const read = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');

/** Helm 3: `---\n# Source: <template>\n<document>\n` per template, a hidden Secret as a comment-only document. */
export const HELM3_RELEASE = read('helm3-release.yaml');
/** Helm 4: documents annotated with postrenderer.helm.sh/postrender-filename, sorted by template, no comments of its own. */
export const HELM4_RELEASE = read('helm4-release.yaml');
export const LINKERD_CA = readFileSync(new URL('../../../examples/gitops-repo-linkerd/linkerd/ca.crt', import.meta.url), 'utf8');

type Obj = any; // parsed YAML, checked field by field

export function objects(stream: string): Obj[] {
  return parseAllDocuments(stream, { version: '1.1' })
    .map((d) => d.toJS())
    .filter((o) => o !== null);
}

/** Every container name of the pod template of the object of that kind. */
export function containerNames(stream: string, kind: string): string[] {
  const pod = objects(stream).find((o) => o.kind === kind).spec.template.spec;
  return [...(pod.initContainers ?? []), ...pod.containers].map((c: Obj) => c.name);
}

/** The `# Source:` comment lines, in order. */
export function sourceComments(stream: string): string[] {
  return stream.split('\n').filter((line) => line.startsWith('# Source: ') || line.startsWith('# HIDDEN'));
}

/** The documents of the stream whose text mentions none of the given kinds, as exact text. */
export function documentsWithout(stream: string, kinds: string[]): string[] {
  return (splitDocuments(stream) ?? []).map((s) => s.text).filter((text) => !kinds.some((k) => text.includes(`\nkind: ${k}\n`)));
}
