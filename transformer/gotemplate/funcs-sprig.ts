/**
 * The sprig (Masterminds/sprig v3, `TxtFuncMap`) subset: the functions Istio's templates call and
 * the ones user templates commonly do. Left out on purpose: functions that read the clock,
 * randomness, the environment or the network (`now`, `date*`, `rand*`, `uuidv4`, `env`,
 * `expandenv`, `getHostByName`), crypto and certificates, hashes, `addf`-style decimal math,
 * and string case converters (`camelcase`, `snakecase`, `kebabcase`, `wrap`, `abbrev`, `initials`).
 * Also provided: Helm's `required` and `toYaml` (trailing newline trimmed).
 */
import type { FuncMap } from './funcs.js';
import { sprigDefaultFuncs } from './sprig-defaults.js';
import { sprigDictFuncs } from './sprig-dicts.js';
import { sprigListFuncs } from './sprig-lists.js';
import { sprigNumberFuncs } from './sprig-numbers.js';
import { sprigRegexFuncs } from './sprig-regex.js';
import { sprigStringFuncs } from './sprig-strings.js';
import { sprigSemverFuncs } from './semver.js';

export function sprigFuncs(): FuncMap {
  return {
    ...sprigStringFuncs,
    ...sprigListFuncs,
    ...sprigDictFuncs,
    ...sprigNumberFuncs,
    ...sprigDefaultFuncs,
    ...sprigRegexFuncs,
    ...sprigSemverFuncs,
  };
}
