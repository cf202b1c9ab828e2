/**
 * Generates `transformer/go/go-types.generated.ts`: the Go struct shapes that
 * `istioctl kube-inject` decodes workloads into and re-marshals, and that Istio's templates read
 * (JSON and Go field names, `omitempty` / `omitzero`, pointer vs value, element types), from the
 * Go sources Istio 1.32 builds with:
 *
 *     node --import tsx scripts/generate-go-types.ts \
 *       <k8s.io/api@v0.36.1> <k8s.io/apimachinery@v0.36.1> <github.com/openshift/api@a49973eaef53> \
 *       > transformer/go/go-types.generated.ts
 *
 * Only struct tags and type declarations are read; no Go code is carried over.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface GoField {
  /** JSON key; '' for an inlined (embedded) struct. */
  json: string;
  /** Go field name (what templates read: `.Spec.DNSPolicy`). */
  go: string;
  type: string;
  omitempty: boolean;
  omitzero: boolean;
  inline: boolean;
}

interface Pkg {
  key: string;
  structs: Map<string, GoField[]>;
  /** Named non-struct types: `type Protocol string`, `type ResourceList map[ResourceName]resource.Quantity`. */
  named: Map<string, string>;
  imports: Map<string, string>;
}

/** Types with their own JSON (un)marshalling, keyed by import path + name. */
const SPECIAL: Readonly<Record<string, string>> = {
  'k8s.io/apimachinery/pkg/api/resource.Quantity': 'Quantity',
  'k8s.io/apimachinery/pkg/util/intstr.IntOrString': 'IntOrString',
  'k8s.io/apimachinery/pkg/types.UID': 'string',
  'k8s.io/apimachinery/pkg/types.NodeName': 'string',
  'k8s.io/apimachinery/pkg/runtime.RawExtension': 'Raw',
  'k8s.io/apimachinery/pkg/apis/meta/v1.Time': 'Time',
  'k8s.io/apimachinery/pkg/apis/meta/v1.MicroTime': 'MicroTime',
  'k8s.io/apimachinery/pkg/apis/meta/v1.Duration': 'Duration',
  'k8s.io/apimachinery/pkg/apis/meta/v1.FieldsV1': 'Raw',
};

const PACKAGES: ReadonlyArray<{ key: string; path: string; file: (roots: string[]) => string }> = [
  { key: 'meta', path: 'k8s.io/apimachinery/pkg/apis/meta/v1', file: (r) => join(r[1]!, 'pkg/apis/meta/v1/types.go') },
  { key: 'core', path: 'k8s.io/api/core/v1', file: (r) => join(r[0]!, 'core/v1/types.go') },
  { key: 'apps', path: 'k8s.io/api/apps/v1', file: (r) => join(r[0]!, 'apps/v1/types.go') },
  { key: 'batch', path: 'k8s.io/api/batch/v1', file: (r) => join(r[0]!, 'batch/v1/types.go') },
  { key: 'openshift', path: 'github.com/openshift/api/apps/v1', file: (r) => join(r[2]!, 'apps/v1/types.go') },
];

const ROOTS = [
  'core.Pod',
  'core.ReplicationController',
  'core.List',
  'apps.Deployment',
  'apps.DaemonSet',
  'apps.ReplicaSet',
  'apps.StatefulSet',
  'batch.Job',
  'batch.CronJob',
  'openshift.DeploymentConfig',
];

function stripComments(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split('\n')
    .map((line) => {
      let inTag = false;
      let inString = false;
      for (let i = 0; i < line.length; i++) {
        const c = line[i];
        if (c === '`' && !inString) inTag = !inTag;
        else if (c === '"' && !inTag) inString = !inString;
        else if (c === '/' && line[i + 1] === '/' && !inTag && !inString) return line.slice(0, i);
      }
      return line;
    })
    .join('\n');
}

function parsePackage(key: string, text: string): Pkg {
  const src = stripComments(text);
  const imports = new Map<string, string>();
  const importBlock = /import \(([\s\S]*?)\)/.exec(src)?.[1] ?? '';
  for (const m of importBlock.matchAll(/^\s*(?:([A-Za-z_][A-Za-z0-9_]*)\s+)?"([^"]+)"/gm)) {
    const path = m[2]!;
    imports.set(m[1] ?? path.split('/').pop()!, path);
  }
  const structs = new Map<string, GoField[]>();
  const named = new Map<string, string>();
  for (const m of src.matchAll(/^type ([A-Z][A-Za-z0-9_]*) struct \{\n([\s\S]*?)^\}/gm)) {
    structs.set(m[1]!, parseFields(m[2]!));
  }
  for (const m of src.matchAll(/^type ([A-Z][A-Za-z0-9_]*) ([^\s{][^\n{]*)$/gm)) {
    named.set(m[1]!, m[2]!.trim());
  }
  return { key, structs, named, imports };
}

function parseFields(body: string): GoField[] {
  const fields: GoField[] = [];
  for (const raw of body.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const m = /^(?:([A-Za-z_][A-Za-z0-9_]*)\s+)?([^\s`]+)\s*(?:`([^`]*)`)?$/.exec(line);
    if (!m) throw new Error(`cannot parse field: ${line}`);
    const [, name, type, tag] = m;
    const jsonTag = /json:"([^"]*)"/.exec(tag ?? '')?.[1];
    if (jsonTag === '-') continue;
    const [jsonName = '', ...opts] = (jsonTag ?? '').split(',');
    const embedded = name === undefined;
    if (!embedded && /^[a-z]/.test(name)) continue; // unexported
    const inline = embedded && jsonName === '';
    const goName = name ?? type!.replace(/^\*/, '').split('.').pop()!;
    fields.push({
      json: inline ? '' : jsonName !== '' ? jsonName : goName,
      go: goName,
      type: type!,
      omitempty: opts.includes('omitempty'),
      omitzero: opts.includes('omitzero'),
      inline,
    });
  }
  return fields;
}

const BASIC = new Set(['string', 'bool', 'int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'float32', 'float64']);

class Resolver {
  readonly pkgs = new Map<string, Pkg>();
  readonly paths = new Map<string, string>();
  readonly wanted = new Set<string>();
  readonly queue: string[] = [];

  /** A Go type expression in package `pkg`, as the table's type grammar. */
  resolve(pkg: Pkg, expr: string): string {
    if (expr.startsWith('*')) return `*${this.resolve(pkg, expr.slice(1))}`;
    if (expr === '[]byte') return 'bytes';
    if (expr.startsWith('[]')) return `[]${this.resolve(pkg, expr.slice(2))}`;
    const map = /^map\[([^\]]+)\](.+)$/.exec(expr);
    if (map) {
      const keyType = this.resolve(pkg, map[1]!);
      if (keyType !== 'string') throw new Error(`map key ${map[1]} is not a string`);
      return `{}${this.resolve(pkg, map[2]!)}`;
    }
    if (BASIC.has(expr)) return expr;
    const dot = expr.indexOf('.');
    const [owner, name] = dot >= 0 ? [this.pkgByAlias(pkg, expr.slice(0, dot)), expr.slice(dot + 1)] : [pkg, expr];
    const special = SPECIAL[`${this.pathOf(owner, expr.slice(0, dot))}.${name}`];
    if (special) return special;
    if (!owner) throw new Error(`unknown package in ${expr}`);
    if (owner.structs.has(name)) {
      const qualified = `${owner.key}.${name}`;
      if (!this.wanted.has(qualified)) {
        this.wanted.add(qualified);
        this.queue.push(qualified);
      }
      return qualified;
    }
    const alias = owner.named.get(name);
    if (alias !== undefined) return this.resolve(owner, alias);
    throw new Error(`unknown type ${expr} in ${pkg.key}`);
  }

  private pkgByAlias(pkg: Pkg, alias: string): Pkg | undefined {
    const path = pkg.imports.get(alias);
    return [...this.pkgs.values()].find((p) => this.paths.get(p.key) === path);
  }

  private pathOf(owner: Pkg | undefined, alias: string): string {
    if (owner) return this.paths.get(owner.key)!;
    return [...this.pkgs.values()].map((p) => p.imports.get(alias)).find((p) => p !== undefined) ?? alias;
  }
}

function capitalised(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function generate(roots: string[]): string {
  const r = new Resolver();
  for (const p of PACKAGES) {
    r.pkgs.set(p.key, parsePackage(p.key, readFileSync(p.file(roots), 'utf8')));
    r.paths.set(p.key, p.path);
  }
  const rootTypes = ROOTS.map((root) => {
    const [key, name] = root.split('.') as [string, string];
    return [name, r.resolve(r.pkgs.get(key)!, name)] as const;
  });
  const lines: string[] = [];
  for (let i = 0; i < r.queue.length; i++) {
    const qualified = r.queue[i]!;
    const [key, name] = qualified.split('.') as [string, string];
    const pkg = r.pkgs.get(key)!;
    const tokens = pkg.structs.get(name)!.map((f) => {
      const type = r.resolve(pkg, f.type);
      if (f.inline) return `...${type}`;
      // The Go name only where it is not the JSON key capitalised (`dnsPolicy=DNSPolicy`).
      const goName = f.go === capitalised(f.json) ? '' : `=${f.go}`;
      return `${f.json}${goName}:${type}${f.omitempty ? '?' : ''}${f.omitzero ? '~' : ''}`;
    });
    lines.push(`  '${qualified}': '${tokens.join(' ')}',`);
  }
  return [
    '/**',
    ' * Go struct shapes of the objects `istioctl kube-inject` decodes (JSON key, type, `omitempty` `?`,',
    " * `omitzero` `~`, `...` inlined, `key=GoName` where the Go field is not the key capitalised),",
    ' * generated by scripts/generate-go-types.ts from k8s.io/api and k8s.io/apimachinery v0.36.1 and',
    ' * github.com/openshift/api a49973eaef53 (what Istio 1.32 builds with).',
    ' * Type grammar: `*T` pointer, `[]T` slice, `{}T` map with string keys, `bytes` ([]byte, base64),',
    ' * `Quantity`, `IntOrString`, `Time`, `MicroTime`, `Duration`, `Raw` (raw JSON), Go basic types,',
    ' * `pkg.Struct`. Do not edit: regenerate.',
    ' */',
    '/** Kind -> Go type (Istio registers these kinds for any apiVersion). */',
    'export const GO_ROOTS: Readonly<Record<string, string>> = {',
    ...rootTypes.map(([kind, type]) => `  ${kind}: '${type}',`),
    '};',
    '',
    'export const GO_STRUCTS: Readonly<Record<string, string>> = {',
    ...lines,
    '};',
    '',
  ].join('\n');
}

const roots = process.argv.slice(2);
if (roots.length !== 3) {
  process.stderr.write('usage: generate-go-types.ts <k8s.io/api dir> <k8s.io/apimachinery dir> <openshift/api dir>\n');
  process.exitCode = 2;
} else {
  process.stdout.write(generate(roots));
}
