/**
 * The per-site compiled field chains and calls (`codegen-path.ts`, `ExprEmitter.call`): their
 * quick paths must give what Go's general rules give for everything that is not a plain field.
 */
import { describe, expect, it } from 'vitest';
import { Template, structValue, withGoType } from '../../../transformer/gotemplate/index.js';
import { render, renderError } from './helpers.js';

class Holder {
  Value = 'own';
  get Computed(): string {
    return 'getter';
  }
}

describe('compiled field chains', () => {
  it('reads plain map entries, struct fields and methods along one chain', () => {
    const data = { a: { b: structValue('S', { C: 'x', M: () => structValue('T', { D: 'y' }) }) } };
    expect(render('{{.a.b.C}}|{{.a.b.M.D}}', data)).toBe('x|y');
  });

  it('does not read properties a map inherits, nor an array length', () => {
    expect(render('{{.m.toString}}|{{.m.hasOwnProperty}}', { m: {} })).toBe('<no value>|<no value>');
    expect(renderError('{{.l.length}}', { l: [1] }).message).toContain("can't evaluate field length in type []interface {}");
  });

  it('gives a map-tagged class instance only its own entries', () => {
    const m = withGoType(new Holder(), 'map[string]string');
    expect(render('{{.m.Value}}|{{.m.Computed}}', { m })).toBe('own|<no value>');
  });

  it('reads inherited getters of a class instance as struct fields', () => {
    expect(render('{{.h.Value}} {{.h.Computed}}', { h: new Holder() })).toBe('own getter');
  });

  it('follows missing keys and nil the general way', () => {
    expect(render('{{.a.b.c}}', { a: {} })).toBe('<no value>');
    expect(renderError('{{.a.b}}', { a: null }).message).toContain('nil pointer evaluating interface {}.b');
  });
});

describe('compiled calls', () => {
  it('calls a template function without a receiver', () => {
    let receiver: unknown = 'unset';
    const t = new Template('t').funcs({ who: function (this: unknown) { receiver = this; return 'ok'; } }).parse('{{who}}');
    expect(t.execute({})).toBe('ok');
    expect(receiver).toBeUndefined();
  });

  it('passes nil for "no value" to interface{} parameters only', () => {
    const seen: unknown[] = [];
    const t = new Template('t').funcs({ probe: (a: unknown) => (seen.push(a), 'x') }).parse('{{probe .missing}}');
    expect(t.execute({})).toBe('x');
    expect(seen).toEqual([null]);
  });
});
