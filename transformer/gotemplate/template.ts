/**
 * The public template API, shaped like Go's `text/template.Template`:
 *
 *     const t = new Template('sidecar').funcs(injectionFuncs()).parse(text);
 *     const yaml = t.execute(data);
 *
 * Templates created by `parse` (`{{define}}`, `{{block}}`) share one set with their functions and
 * options; `lookup(name)` returns any of them. Parsing and execution throw `TemplateError`.
 */
import { isBuiltin } from './builtins.js';
import { calledFunctions } from './called-functions.js';
import { TemplateError } from './errors.js';
import { CompiledSet, type MissingKey } from './exec.js';
import { isValidFuncName, specOf, type FuncMap, type FuncSpec } from './funcs.js';
import { goQuote } from './go-quote.js';
import { isEmptyTree } from './nodes.js';
import { parseTemplateText, type Tree } from './parser.js';

interface Common {
  trees: Map<string, Tree>;
  funcs: Map<string, FuncSpec>;
  missingKey: MissingKey;
  leftDelim: string;
  rightDelim: string;
  /** The set compiled for execution; dropped when functions or options change. */
  compiled: CompiledSet | undefined;
}

export class Template {
  private readonly common: Common;

  constructor(
    readonly name: string,
    /** @internal The set shared with associated templates (`lookup`). */
    common?: Common,
  ) {
    this.common = common ?? { trees: new Map(), funcs: new Map(), missingKey: 'default', leftDelim: '', rightDelim: '', compiled: undefined };
  }

  /** Adds functions (later maps win on name clashes, as with Go's `Funcs`). */
  funcs(map: FuncMap): this {
    for (const [name, fn] of Object.entries(map)) {
      if (!isValidFuncName(name)) throw new TypeError(`function name ${goQuote(name)} is not a valid identifier`);
      this.common.funcs.set(name, specOf(fn));
    }
    this.common.compiled = undefined;
    return this;
  }

  /** Action delimiters for later `parse` calls (empty means `{{` / `}}`). */
  delims(left: string, right: string): this {
    this.common.leftDelim = left;
    this.common.rightDelim = right;
    return this;
  }

  /** Go's `Option`: `missingkey=default|invalid|zero|error`. */
  option(...options: string[]): this {
    for (const opt of options) {
      const m = /^missingkey=(default|invalid|zero|error)$/.exec(opt);
      if (m === null) throw new TypeError(`unrecognized option: ${opt}`);
      this.common.missingKey = m[1] === 'invalid' ? 'default' : (m[1] as MissingKey);
    }
    this.common.compiled = undefined;
    return this;
  }

  /** Parses `text` as this template's body; its definitions join the set. Throws `TemplateError`. */
  parse(text: string): this {
    const trees = parseTemplateText(this.name, text, {
      leftDelim: this.common.leftDelim,
      rightDelim: this.common.rightDelim,
      hasFunction: (name) => this.common.funcs.has(name) || isBuiltin(name),
    });
    for (const [name, tree] of trees) {
      const old = this.common.trees.get(name);
      if (old !== undefined && isEmptyTree(tree.root)) continue;
      this.common.trees.set(name, tree);
    }
    return this;
  }

  /**
   * Runs this template on `data` and returns the output; functions defined with
   * `defineContextFunc` get `context`. Throws `TemplateError`.
   */
  execute(data: unknown, context?: unknown): string {
    const tree = this.common.trees.get(this.name);
    if (tree === undefined) {
      const detail = `${goQuote(this.name)} is an incomplete or empty template`;
      throw new TemplateError(
        { kind: 'exec', template: this.name, line: 0, column: 0, executing: this.name, detail },
        `template: ${this.name}: ${detail}`,
      );
    }
    this.common.compiled ??= new CompiledSet(this.common);
    return this.common.compiled.execute(this.name, tree, data, context);
  }

  /** Runs the associated template `name`. */
  executeTemplate(name: string, data: unknown, context?: unknown): string {
    const t = this.lookup(name);
    if (t === undefined) {
      const detail = `no template ${goQuote(name)} associated with template ${goQuote(this.name)}`;
      throw new TemplateError({ kind: 'exec', template: this.name, line: 0, column: 0, detail }, `template: ${detail}`);
    }
    return t.execute(data, context);
  }

  /** The associated template `name`, if it has been defined. */
  lookup(name: string): Template | undefined {
    return this.common.trees.has(name) ? new Template(name, this.common) : undefined;
  }

  /** Names of the functions the set's templates call (builtins included). */
  calledFunctions(): Set<string> {
    return calledFunctions(this.common.trees.values());
  }

  /** Names of all defined templates in the set, sorted. */
  definedTemplates(): string[] {
    return [...this.common.trees.keys()].sort();
  }
}
