/**
 * Re-injecting a document mesh-inject wrote and nobody touched (the pre-commit steady state) is
 * recognised from the record's digest without undoing the injection in the text. It must answer
 * exactly what the full path answers, and step aside for anything else.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../config/defaults.js';
import { presetFor, transformText, type InjectConfig } from '../../../transformer/index.js';
import { decodeRecord, RECORD_ANNOTATION } from '../../../transformer/record/format.js';
import { recognizeUnchanged } from '../../../transformer/pipeline/recognize-unchanged.js';
import { emptyClusterContext } from '../../../transformer/policy/cluster-context.js';
import { DIGEST_PLACEHOLDER, digestMatches, sealDigest } from '../../../transformer/record/digest.js';
import { splitDocuments } from '../../../transformer/yaml/split-documents.js';
import { detectEol } from '../../../transformer/yaml/edit/text-lines.js';
import { DEPLOYMENT, SERVICE } from '../../helpers/fixtures.js';
import { sidecarsOnlyConfig } from '../../helpers/configs.js';
import { manifestShape, renderManifest } from '../../helpers/manifest-arbitrary.js';

function run(text: string, mode: 'inject' | 'uninject', config: InjectConfig = defaultConfig()) {
  return transformText(text, { mode, config, preset: presetFor(config), path: 'deploy.yaml', verify: true, digest: true });
}

/** The same file with records as written before digests existed: re-injection takes the full path. */
function withoutDigests(text: string): string {
  return text.replace(/\\?"d\\?":\\?"[0-9a-f]{16}\\?",/g, '');
}

/** Whether the one workload document of `text` is recognised as unchanged. */
function recognised(text: string, config: InjectConfig = defaultConfig()): boolean {
  const body = text.replace(/^\uFEFF/, '');
  const doc = splitDocuments(body)!.find((slice) => slice.text.includes(RECORD_ANNOTATION))!;
  const docText = doc.text.endsWith('\n') ? doc.text : doc.text + detectEol(body);
  return recognizeUnchanged(docText, { mode: 'inject', config, cluster: emptyClusterContext(), preset: presetFor(config), eol: detectEol(body) }) !== undefined;
}

const configs = fc.record({
  nativeSidecars: fc.constantFrom(true, false, 'auto' as const),
  cni: fc.boolean(),
  tag: fc.constantFrom('1.31.4', '1.32.0'),
  sidecarsOnly: fc.boolean(),
}).map(({ nativeSidecars, cni, tag, sidecarsOnly }) => {
  if (sidecarsOnly) return sidecarsOnlyConfig();
  const config = defaultConfig();
  Object.assign(config.istio, { nativeSidecars, cni, tag });
  return config;
});

describe('recognising an unchanged injected document', () => {
  it('answers exactly what undoing and redoing the injection answers', () => {
    let hits = 0;
    fc.assert(
      fc.property(manifestShape, configs, (shape, config) => {
        const outcome = run(renderManifest(shape), 'inject', config);
        expect(outcome.results.filter((r) => r.severity === 'error')).toEqual([]);
        const injected = outcome.text;
        const again = run(injected, 'inject', config);
        const full = run(withoutDigests(injected), 'inject', config);
        expect(again.changed).toBe(false);
        expect(full.changed).toBe(false);
        expect(again.results).toEqual(full.results);
        expect(again.workloads).toEqual(full.workloads);
        if (recognised(injected, config)) hits++;
      }),
      { numRuns: 150 },
    );
    // Records with removed nodes take the full path (Istio replaces tcpSocket and grpc probe
    // handlers, which the generator writes in half of its probes); more than a third do not.
    expect(hits).toBeGreaterThan(60);
  });

  it('recognises a plain injected Deployment among other documents, with the same line and reason', () => {
    const text = `# leading comment\n---\n${SERVICE}---\n# the app\n${DEPLOYMENT}`;
    const injected = run(text, 'inject').text;
    expect(recognised(injected)).toBe(true);
    const again = run(injected, 'inject');
    expect(again.changed).toBe(false);
    expect(again.workloads).toEqual(run(withoutDigests(injected), 'inject').workloads);
    expect(again.workloads).toMatchObject([{ action: 'unchanged', code: 'injected', line: 13 }]);
  });

  it('refuses to re-inject over a hand edit of the injected part (it would drop it); uninject discards it', () => {
    const injected = run(DEPLOYMENT, 'inject').text;
    const edited = injected.replace(/(image: docker\.io\/istio\/proxyv2:)[^\n]*/, '$1hand-edited');
    expect(edited).not.toBe(injected);
    expect(recognised(edited)).toBe(false);
    const again = run(edited, 'inject');
    expect(again.results.filter((r) => r.severity === 'error').map((r) => [r.code, r.field?.path])).toEqual([['injected-content-edited', 'spec.template.spec.initContainers']]);
    expect(again.text).toBe(edited);
    expect(run(edited, 'uninject').text).toBe(DEPLOYMENT);
    // A comment is a change too: the full path decides (and drops it with the injected node).
    const commented = injected.replace('      initContainers:\n', '      initContainers:\n        # mine\n');
    expect(recognised(commented)).toBe(false);
    expect(run(commented, 'inject').text).toBe(injected);
  });

  it('leaves a document alone after an edit that does not change the injection: a stale digest never makes a file need injection', () => {
    const injected = run(DEPLOYMENT, 'inject').text;
    for (const edited of [injected.replace('nginx:1.27', 'nginx:1.28'), injected.replace('spec:\n  selector:', 'spec:\n  replicas: 3\n  selector:')]) {
      expect(edited).not.toBe(injected);
      expect(recognised(edited)).toBe(false);
      const again = run(edited, 'inject');
      expect(again.changed).toBe(false);
      expect(again.text).toBe(edited);
      expect(again.workloads).toMatchObject([{ action: 'unchanged' }]);
      // It still injects what injecting the edited original gives, apart from the digest.
      const fresh = run(run(edited, 'uninject').text, 'inject').text;
      expect(withoutDigests(again.text)).toBe(withoutDigests(fresh));
    }
  });

  it('re-injects after a hand edit of the user part that changes the injection, sealing a new digest', () => {
    const injected = run(DEPLOYMENT, 'inject').text;
    const edited = injected.replace(/(\n {6}labels:\n)/, '$1        version: v2\n'); // Istio's canonical revision follows it
    expect(edited).not.toBe(injected);
    const again = run(edited, 'inject');
    expect(again.changed).toBe(true);
    expect(again.text).toContain('service.istio.io/canonical-revision: v2');
    expect(recognised(again.text)).toBe(true);
    expect(withoutDigests(again.text)).toBe(withoutDigests(run(run(edited, 'uninject').text, 'inject').text));
  });

  it('re-injects when the config changes', () => {
    const injected = run(DEPLOYMENT, 'inject').text;
    const next = defaultConfig();
    next.istio.tag = '1.31.4';
    expect(recognised(injected, next)).toBe(false);
    const again = run(injected, 'inject', next);
    expect(again.changed).toBe(true);
    expect(again.text).toBe(run(DEPLOYMENT, 'inject', next).text);
    expect(again.workloads).toMatchObject([{ action: 'reinjected' }]);
  });

  it('leaves records written before digests as they are, and adds a digest once something changes', () => {
    const legacy = withoutDigests(run(DEPLOYMENT, 'inject').text);
    const again = run(legacy, 'inject');
    expect(again.changed).toBe(false);
    expect(again.workloads).toMatchObject([{ action: 'unchanged' }]);
    const next = defaultConfig();
    next.istio.tag = '1.31.4';
    const upgraded = run(legacy, 'inject', next).text;
    expect(upgraded).toBe(run(DEPLOYMENT, 'inject', next).text);
    expect(recognised(upgraded, next)).toBe(true);
    expect(run(upgraded, 'uninject').text).toBe(DEPLOYMENT);
  });

  it('writes no digest when the document already holds the placeholder, and stays idempotent', () => {
    const text = DEPLOYMENT.replace('# web front end', `# web front end ${DIGEST_PLACEHOLDER}`);
    const injected = run(text, 'inject').text;
    const record = /mesh-inject\.dev\/injected: '([^\n]*)'/.exec(injected)![1]!;
    expect(decodeRecord(record)).not.toHaveProperty('digest');
    expect(run(injected, 'inject').changed).toBe(false);
    expect(run(injected, 'uninject').text).toBe(text);
  });

  it('works on CRLF files and files without a final newline', () => {
    const text = DEPLOYMENT.replaceAll('\n', '\r\n').replace(/\r\n$/, '');
    const injected = run(text, 'inject').text;
    expect(recognised(injected)).toBe(true);
    expect(run(injected, 'inject').changed).toBe(false);
    expect(run(injected, 'uninject').text).toBe(text);
  });
});

describe('digests outside CLI runs (kustomize, KRM, Argo CD)', () => {
  const stream = (text: string, config: InjectConfig = defaultConfig()) => transformText(text, { mode: 'inject', config, preset: presetFor(config), verify: true });

  it('are not written, so build output has no digest for other tools to re-serialise', () => {
    const { text } = stream(DEPLOYMENT);
    expect(text).toContain('mesh-inject.dev/injected:');
    expect(text).not.toMatch(/"d":/);
  });

  it('are kept as they are in documents that have one: re-rendering a committed file changes nothing', () => {
    const committed = run(DEPLOYMENT, 'inject').text;
    expect(committed).toMatch(/"d":"[0-9a-f]{16}"/);
    const edited = committed.replace('spec:\n  selector:', 'spec:\n  replicas: 3\n  selector:'); // stale digest: the full path runs
    for (const text of [committed, edited]) {
      const again = stream(text);
      expect(again.changed).toBe(false);
      expect(again.text).toBe(text);
    }
    const next = defaultConfig();
    next.istio.tag = '1.31.4';
    const upgraded = stream(committed, next);
    expect(upgraded.changed).toBe(true);
    expect(upgraded.text.match(/"d":"([0-9a-f]{16})"/)?.[1]).toBe(committed.match(/"d":"([0-9a-f]{16})"/)?.[1]);
  });
});

describe('injection digest', () => {
  it('matches only the text it sealed, with the same line ending', () => {
    const sealed = sealDigest(`a: ${DIGEST_PLACEHOLDER}\nb: 1\n`, '\n')!;
    const digest = /a: (\S+)/.exec(sealed)![1]!;
    expect(digest).toMatch(/^[0-9a-f]{16}$/);
    expect(digestMatches(sealed, digest, '\n')).toBe(true);
    expect(digestMatches(sealed, digest, '\r\n')).toBe(false);
    expect(digestMatches(sealed.replace('b: 1', 'b: 2'), digest, '\n')).toBe(false);
    expect(sealDigest(`a: ${DIGEST_PLACEHOLDER} ${DIGEST_PLACEHOLDER}\n`, '\n')).toBeUndefined();
  });

  it('is an optional record field that must be a string', () => {
    expect(decodeRecord('{"v":1,"d":"0123456789abcdef","added":[["spec",["volumes"]]]}')).toMatchObject({ digest: '0123456789abcdef' });
    expect(decodeRecord('{"v":1,"added":[["spec",["volumes"]]]}')).not.toHaveProperty('digest');
    expect(typeof decodeRecord('{"v":1,"d":5}')).toBe('string');
  });
});
