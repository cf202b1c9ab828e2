import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../../transformer/mesh/linkerd/sha256.js';
import { snakeCase } from '../../../../transformer/mesh/linkerd/snake-case.js';
import { parsePortRange } from '../../../../transformer/mesh/linkerd/port-ranges.js';

describe('sha256Hex', () => {
  it('matches the standard test vectors (one block, two blocks, UTF-8)', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
    expect(sha256Hex('é')).toBe('4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c');
  });
});

describe('snakeCase (sprig snakecase)', () => {
  it('splits camel case, keeps digits with their word, splits acronyms', () => {
    expect(['keepAliveInterval', 'http2', 'blueBerry', 'HTTPServer', 'Bld4Floor', 'HTTP2xx', 'already_snake'].map(snakeCase)).toEqual([
      'keep_alive_interval', 'http2', 'blue_berry', 'http_server', 'bld4_floor', 'http_2xx', 'already_snake',
    ]);
  });
});

describe('parsePortRange', () => {
  it('takes a port or a range, with Linkerd wording for the rest', () => {
    expect(parsePortRange('80')).toEqual({ lower: 80, upper: 80 });
    expect(parsePortRange('80-90')).toEqual({ lower: 80, upper: 90 });
    expect(parsePortRange('90-80')).toEqual({ error: '"90-80": upper-bound must be greater than or equal to lower-bound' });
    expect(parsePortRange('70000')).toEqual({ error: '"70000" is not a valid lower-bound' });
    expect(parsePortRange('1-2-3')).toEqual({ error: 'ranges expected as <lower>-<upper>' });
  });
});
