/** Finds template mistakes at compile time: unknown helpers and names, misused helpers, bad faker paths. */
import { callFaker, fakerFunction, fakerLoadError } from './faker-bridge';
import {
  type Call, type Node, type Path, callName, describe, hashPairs, isLiteral, isPath, isSubExpression, literalValue,
} from './template-ast';
import { HELPERS, type HelperSpec, REQUEST_ROOTS, trialRandom } from './template-helpers';

/** A mistake inside one template; line and column (both 1-based) are relative to the template text. */
export interface TemplateProblem {
  message: string;
  line: number;
  column: number;
}

interface Scope {
  /** True while the context is the request data itself (not inside `#each`/`#with`). */
  root: boolean;
  blockParams: ReadonlySet<string>;
}

const CONTEXT_CHANGING = new Set(['each', 'with']);
const namesHint = (roots: ReadonlySet<string>): string => `helpers: ${[...HELPERS.keys()].join(', ')}; request data: ${[...roots].join(', ')}`;

/** `roots` are the names a template may read at its top level (the request data by default). */
export function checkTemplate(program: hbs.AST.Program, roots: ReadonlySet<string> = REQUEST_ROOTS): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const report = (node: Node, message: string): void => {
    problems.push({ message, line: node.loc?.start.line ?? 1, column: (node.loc?.start.column ?? 0) + 1 });
  };
  const walker = new Walker(report, roots);
  walker.program(program, { root: true, blockParams: new Set() });
  return problems;
}

class Walker {
  private readonly hint: string;

  constructor(
    private readonly report: (node: Node, message: string) => void,
    private readonly roots: ReadonlySet<string>,
  ) {
    this.hint = namesHint(roots);
  }

  program(program: hbs.AST.Program | undefined, outer: Scope): void {
    if (!program) return;
    const scope = program.blockParams?.length
      ? { root: outer.root, blockParams: new Set([...outer.blockParams, ...program.blockParams]) }
      : outer;
    for (const statement of program.body) this.statement(statement, scope);
  }

  private statement(node: hbs.AST.Statement, scope: Scope): void {
    switch (node.type) {
      case 'ContentStatement':
      case 'CommentStatement':
        return;
      case 'MustacheStatement':
        return this.call(node as hbs.AST.MustacheStatement, 'inline', scope);
      case 'BlockStatement': {
        const block = node as hbs.AST.BlockStatement;
        this.call(block, 'block', scope);
        const name = callName(block.path);
        const isHelper = name !== undefined && HELPERS.has(name);
        // `#each`/`#with` and sections over data (`{{#body.items}}`) change the context for their body.
        const inner = !isHelper || CONTEXT_CHANGING.has(name) ? { ...scope, root: false } : scope;
        this.program(block.program, inner);
        this.program(block.inverse, scope);
        return;
      }
      case 'PartialStatement':
      case 'PartialBlockStatement':
        return this.report(node, 'partials ({{> name}}) are not supported');
      default: // Decorator, DecoratorBlock
        return this.report(node, 'decorators ({{* name}}) are not supported');
    }
  }

  private call(node: Call & Node, usage: 'inline' | 'block' | 'sub', scope: Scope): void {
    const name = callName(node.path);
    const spec = name === undefined ? undefined : HELPERS.get(name);
    const hasArgs = node.params.length > 0 || hashPairs(node.hash).length > 0;
    if (name !== undefined && spec) {
      this.checkHelper(node, name, spec, usage);
    } else if (hasArgs || usage === 'sub') {
      this.report(node, `unknown helper "${describe(node.path)}" (${this.hint})`);
    } else if (isPath(node.path)) {
      this.lookup(node.path, scope);
    } else if (scope.root && !this.roots.has(String(literalValue(node.path)))) {
      this.report(node, `unknown helper or request data ${describe(node.path)} (${this.hint})`);
    }
    for (const param of node.params) this.expression(param, scope);
    for (const pair of hashPairs(node.hash)) this.expression(pair.value, scope);
  }

  private checkHelper(node: Call & Node, name: string, spec: HelperSpec, usage: string): void {
    if (spec.usage === 'block' && usage !== 'block') {
      return this.report(node, `"${name}" is a block helper: write {{#${name} …}}…{{/${name}}}`);
    }
    if (spec.usage === 'inline' && usage === 'block') {
      return this.report(node, `"${name}" is not a block helper: write {{${name} …}} without #`);
    }
    const n = node.params.length;
    if (n < spec.minArgs || n > spec.maxArgs) {
      const want = spec.minArgs === spec.maxArgs ? `${spec.minArgs}` : spec.maxArgs === Infinity ? `at least ${spec.minArgs}` : `${spec.minArgs} to ${spec.maxArgs}`;
      return this.report(node, `"${name}" takes ${want} argument${want === '1' ? '' : 's'}, got ${n}`);
    }
    if (name === 'random_int' || name === 'json') {
      const numeric = name === 'json' ? node.params.slice(1) : node.params;
      for (const p of numeric) {
        if (isLiteral(p) && !Number.isFinite(Number(literalValue(p)))) {
          this.report(p, `"${name}" needs a number here, got ${JSON.stringify(literalValue(p)) ?? 'undefined'}`);
        }
      }
    }
    if (name === 'faker') this.checkFaker(node);
  }

  private checkFaker(node: Call & Node): void {
    const [first, ...rest] = node.params;
    if (first.type !== 'StringLiteral') {
      return this.report(first, 'faker needs a quoted generator name first, e.g. {{faker "person.firstName"}}');
    }
    const loadError = fakerLoadError();
    if (loadError) return this.report(node, `faker could not be loaded: ${loadError}`);
    const path = String(literalValue(first));
    const fn = fakerFunction(path);
    if (!fn) {
      return this.report(first, `faker has no generator "${path}" (write module.method, e.g. "person.firstName", "internet.email")`);
    }
    const pairs = hashPairs(node.hash);
    if (![...rest, ...pairs.map((p) => p.value)].every(isLiteral)) return;
    // All arguments are known now, so a call that cannot work shows up here, not per request.
    const args = rest.map(literalValue);
    if (pairs.length > 0) args.push(Object.fromEntries(pairs.map((p) => [p.key, literalValue(p.value)])));
    try {
      callFaker(fn, args, { now: 0, random: trialRandom() });
    } catch (err) {
      this.report(node, `faker "${path}" fails with these arguments: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private expression(node: hbs.AST.Expression, scope: Scope): void {
    if (isSubExpression(node)) this.call(node, 'sub', scope);
    else if (isPath(node)) this.lookup(node, scope);
  }

  /** A name read from the request data: at the top level it must start at one of its roots. */
  private lookup(path: Path, scope: Scope): void {
    if (path.data) {
      if (path.parts[0] === 'root' && path.parts.length > 1 && !this.roots.has(path.parts[1])) {
        this.report(path, `unknown request data "${path.original}" (request data: ${[...this.roots].join(', ')})`);
      }
      return;
    }
    if (!scope.root || path.depth > 0 || path.parts.length === 0) return;
    const head = path.parts[0];
    if (this.roots.has(head) || scope.blockParams.has(head)) return;
    if (path.parts.length === 1 && HELPERS.has(head)) {
      // Handlebars reads a bare name in argument position as data, never as a helper call.
      return this.report(path, `"${head}" as an argument is read as request data, not called: write (${head}) to call the helper`);
    }
    const what = path.parts.length === 1 ? 'unknown helper or request data' : 'unknown request data';
    this.report(path, `${what} "${path.original}" (${this.hint})`);
  }
}
