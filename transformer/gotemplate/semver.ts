/**
 * Masterminds/semver v3 as sprig's `semver` and `semverCompare` use it: loose versions
 * (`v1.2` is 1.2.0), constraints with `= != > < >= <= ~ ~> ^`, wildcards (`1.2.x`, `*`), hyphen
 * ranges (`1 - 2`), `,`/space for AND and `||` for OR. A prerelease version only satisfies an AND
 * group that mentions a prerelease (`>= 1.21-0`).
 */
import { GoFuncError } from './errors.js';
import { defineFunc, type FuncMap } from './funcs.js';
import { structValue } from './values.js';

interface SemVersion {
  major: bigint;
  minor: bigint;
  patch: bigint;
  pre: string;
  metadata: string;
  original: string;
}

const VERSION = /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;

function parseVersion(text: string): SemVersion {
  const m = VERSION.exec(text);
  if (m === null) throw new GoFuncError('Invalid Semantic Version');
  const pre = m[5] ?? '';
  for (const part of pre === '' ? [] : pre.split('.')) {
    if (/^[0-9]+$/.test(part) && part.length > 1 && part.startsWith('0')) throw new GoFuncError('Version segment starts with 0');
  }
  return {
    major: BigInt(m[1]!),
    minor: BigInt((m[2] ?? '.0').slice(1)),
    patch: BigInt((m[3] ?? '.0').slice(1)),
    pre,
    metadata: m[8] ?? '',
    original: text,
  };
}

function cmp(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function comparePrePart(a: string, b: string): number {
  const an = /^[0-9]+$/.test(a);
  const bn = /^[0-9]+$/.test(b);
  if (an && bn) return cmp(BigInt(a), BigInt(b));
  if (an) return -1;
  if (bn) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function comparePrerelease(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  const ap = a.split('.');
  const bp = b.split('.');
  for (let i = 0; i < Math.max(ap.length, bp.length); i++) {
    const x = ap[i];
    const y = bp[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const c = comparePrePart(x, y);
    if (c !== 0) return c;
  }
  return 0;
}

function compareVersions(a: SemVersion, b: SemVersion): number {
  return cmp(a.major, b.major) || cmp(a.minor, b.minor) || cmp(a.patch, b.patch) || comparePrerelease(a.pre, b.pre);
}

interface Constraint {
  op: string;
  con: SemVersion;
  dirty: boolean;
  minorDirty: boolean;
  patchDirty: boolean;
}

const OPS = '(=|!=|>=|=>|<=|=<|~>|~|\\^|>|<|)';
const CV = 'v?([0-9xX*]+)(\\.[0-9xX*]+)?(\\.[0-9xX*]+)?(-([0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*))?(\\+([0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*))?';
const ONE = new RegExp(`^\\s*${OPS}\\s*(${CV})\\s*$`);
const FIND = new RegExp(`${OPS}\\s*(${CV})`, 'g');
const VALID = new RegExp(`^(\\s*${OPS}\\s*(${CV})\\s*)((?:\\s+|,\\s*)${OPS}\\s*(${CV})\\s*)*$`);
const RANGE = new RegExp(`\\s*(${CV})\\s+-\\s+(${CV})\\s*`, 'g');

const isX = (s: string | undefined): boolean => s === 'x' || s === 'X' || s === '*';

function parseConstraint(text: string): Constraint {
  const m = ONE.exec(text);
  if (m === null) throw new GoFuncError(`improper constraint: ${text}`);
  const op = m[1]!;
  const major = m[3] ?? '';
  const minor = m[4] ?? '';
  const patch = m[5] ?? '';
  const pre = m[6] ?? '';
  let ver = m[2]!;
  let dirty = false;
  let minorDirty = false;
  let patchDirty = false;
  if (isX(major) || major === '') {
    ver = `0.0.0${pre}`;
    dirty = true;
  } else if (isX(minor.slice(1)) || minor === '') {
    minorDirty = true;
    dirty = true;
    ver = `${major}.0.0${pre}`;
  } else if (isX(patch.slice(1)) || patch === '') {
    dirty = true;
    patchDirty = true;
    ver = `${major}${minor}.0${pre}`;
  }
  return { op, con: parseVersion(ver), dirty, minorDirty, patchDirty };
}

function tilde(v: SemVersion, c: Constraint): boolean {
  if (compareVersions(v, c.con) < 0) return false;
  if (c.con.major === 0n && c.con.minor === 0n && c.con.patch === 0n && !c.minorDirty && !c.patchDirty) return true;
  if (v.major !== c.con.major) return false;
  return !(v.minor !== c.con.minor && !c.minorDirty);
}

function caret(v: SemVersion, c: Constraint): boolean {
  if (compareVersions(v, c.con) < 0) return false;
  if (c.con.major > 0n || c.minorDirty) return v.major === c.con.major;
  if (v.major > 0n) return false;
  if (c.con.minor > 0n || c.patchDirty) return v.minor === c.con.minor;
  if (v.minor > 0n) return false;
  return v.patch === c.con.patch;
}

function check(v: SemVersion, c: Constraint, includePre: boolean): boolean {
  if (v.pre !== '' && !includePre) return false;
  const d = compareVersions(v, c.con);
  switch (c.op) {
    case '':
    case '=':
      return c.dirty ? tilde(v, c) : d === 0;
    case '!=':
      if (c.dirty) {
        if (c.con.major !== v.major) return true;
        if (c.con.minor !== v.minor && !c.minorDirty) return true;
        if (c.minorDirty) return false;
        if (c.con.patch !== v.patch && !c.patchDirty) return true;
        if (c.patchDirty) return (v.pre !== '' || c.con.pre !== '') && comparePrerelease(v.pre, c.con.pre) !== 0;
      }
      return d !== 0;
    case '>':
      if (!c.dirty) return d > 0;
      if (v.major > c.con.major) return true;
      if (v.major < c.con.major || c.minorDirty) return false;
      if (c.patchDirty) return v.minor > c.con.minor;
      return d > 0;
    case '<':
      return d < 0;
    case '>=':
    case '=>':
      return d >= 0;
    case '<=':
    case '=<':
      if (!c.dirty) return d <= 0;
      if (v.major > c.con.major) return false;
      return !(v.major === c.con.major && v.minor > c.con.minor && !c.minorDirty);
    case '~':
    case '~>':
      return tilde(v, c);
    case '^':
      return caret(v, c);
    default:
      return false;
  }
}

/** `semverCompare constraint version`. Throws `GoFuncError` on a bad constraint or version. */
function semverCompare(constraint: string, version: string): boolean {
  const rewritten = constraint.replace(RANGE, (_all, from: string, ...rest: unknown[]) => `>= ${from}, <= ${String(rest[9])} `);
  const groups = rewritten.split('||').map((group) => {
    if (!VALID.test(group)) throw new GoFuncError(`improper constraint: ${group}`);
    const parts = group.match(FIND) ?? [group];
    return parts.map(parseConstraint);
  });
  const v = parseVersion(version);
  return groups.some((group) => {
    const includePre = group.some((c) => c.con.pre !== '');
    return group.every((c) => check(v, c, includePre));
  });
}

/** sprig `semver`: a struct with `Major`, `Minor`, `Patch`, `Prerelease`, `Metadata`, `Original`. */
function semver(text: string): object {
  const v = parseVersion(text);
  const core = `${v.major}.${v.minor}.${v.patch}${v.pre !== '' ? '-' + v.pre : ''}${v.metadata !== '' ? '+' + v.metadata : ''}`;
  return structValue('*semver.Version', {
    Major: () => v.major,
    Minor: () => v.minor,
    Patch: () => v.patch,
    Prerelease: () => v.pre,
    Metadata: () => v.metadata,
    Original: () => v.original,
    String: () => core,
    Compare: (other: { Original?: () => string }) => BigInt(compareVersions(v, parseVersion(other.Original?.() ?? ''))),
  });
}

export const sprigSemverFuncs: FuncMap = {
  semverCompare: defineFunc(['string', 'string'], semverCompare),
  semver: defineFunc(['string'], semver),
};
