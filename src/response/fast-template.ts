/**
 * Runs block-free templates (text, lookups, helper calls) as plain closures. Handlebars' runtime
 * costs about a microsecond per call in set-up alone; these cost a few nanoseconds, with the
 * same output and the same rule that only own properties of the data are visible.
 */
import type { RenderEnv, TemplateContext } from '../model/answer';
import { type Call, type Expr, callName, hashPairs, isPath, isSubExpression, literalValue, lookupParts } from './template-ast';
import { HELPERS } from './template-helpers';
import { toText } from './to-text';

export type Evaluate = (ctx: TemplateContext, env: RenderEnv) => unknown;
export type Render = (ctx: TemplateContext, env: RenderEnv) => string;

const hasOwn = Object.prototype.hasOwnProperty;
const NO_HASH: Record<string, unknown> = Object.freeze({});

/** True when the fast engine can run the template (no blocks, partials or decorators). */
export function isFastEligible(program: hbs.AST.Program): boolean {
  return program.body.every((s) => s.type === 'ContentStatement' || s.type === 'CommentStatement' || s.type === 'MustacheStatement');
}

/** An own, non-function property, as Handlebars' default prototype protection allows. */
export function ownProperty(parent: unknown, key: PropertyKey): unknown {
  if (parent === null || parent === undefined || !hasOwn.call(parent, key)) return undefined;
  const value = (parent as Record<PropertyKey, unknown>)[key];
  return typeof value === 'function' ? undefined : value;
}

function lookupFrom(start: unknown, parts: readonly string[]): unknown {
  let value = start;
  for (const part of parts) {
    value = ownProperty(value, part);
    if (value === undefined || value === null) return value;
  }
  return value;
}

function compileLookup(node: Call['path']): Evaluate {
  if (!isPath(node)) {
    const parts = lookupParts(node);
    return (ctx) => lookupFrom(ctx, parts);
  }
  // At the top level there is no parent context (`../`) and the only data variable is @root.
  if (node.depth > 0) return () => undefined;
  if (node.data) {
    const rest = node.parts.slice(1);
    return node.parts[0] === 'root' ? (ctx) => lookupFrom(ctx, rest) : () => undefined;
  }
  const parts = node.parts;
  if (parts.length === 1) {
    const [key] = parts;
    return (ctx) => ownProperty(ctx, key);
  }
  return (ctx) => lookupFrom(ctx, parts);
}

function compileCall(call: Call): Evaluate {
  const name = callName(call.path);
  const spec = name === undefined ? undefined : HELPERS.get(name);
  if (!spec) return compileLookup(call.path);
  const args = call.params.map(compileExpression);
  if (name === 'lookup') {
    const [obj, key] = args;
    return (ctx, env) => {
      const target = obj(ctx, env);
      const field = key(ctx, env);
      // As Handlebars' lookup: a falsy target is returned as it is (so `false` prints "false").
      if (!target) return target;
      return ownProperty(target, typeof field === 'number' ? field : toText(field));
    };
  }
  const run = spec.run;
  if (!run) return () => undefined; // block helpers never reach here: the checker rejects them inline
  const pairs = hashPairs(call.hash).map((p) => [p.key, compileExpression(p.value)] as const);
  if (args.length === 0 && pairs.length === 0) return (_ctx, env) => run([], NO_HASH, env);
  return (ctx, env) => {
    const values = args.map((f) => f(ctx, env));
    let hash = NO_HASH;
    if (pairs.length > 0) {
      hash = {};
      for (const [key, f] of pairs) hash[key] = f(ctx, env);
    }
    try {
      return run(values, hash, env);
    } catch {
      // Helpers guard their inputs; this is the last line against odd request data failing a response.
      return undefined;
    }
  };
}

export function compileExpression(node: Expr): Evaluate {
  if (isSubExpression(node)) return compileCall(node);
  if (isPath(node)) return compileLookup(node);
  const value = literalValue(node);
  return () => value;
}

/** Text and evaluators in template order; adjacent text merged. */
export function compileFast(program: hbs.AST.Program): Array<string | Evaluate> {
  const parts: Array<string | Evaluate> = [];
  for (const statement of program.body) {
    if (statement.type === 'ContentStatement') {
      const text = (statement as hbs.AST.ContentStatement).value;
      const last = parts.length - 1;
      if (typeof parts[last] === 'string') parts[last] += text;
      else if (text !== '') parts.push(text);
    } else if (statement.type === 'MustacheStatement') {
      parts.push(compileCall(statement as hbs.AST.MustacheStatement));
    }
  }
  return parts;
}

/** One function rendering the parts, specialised for the common shapes. */
export function joinParts(parts: Array<string | Evaluate>): Render {
  if (parts.length === 1 && typeof parts[0] !== 'string') {
    const only = parts[0];
    return (ctx, env) => toText(only(ctx, env));
  }
  return (ctx, env) => {
    let out = '';
    for (const part of parts) out += typeof part === 'string' ? part : toText(part(ctx, env));
    return out;
  };
}

/** The argument of a template that is exactly `{{json X}}` (spaces around allowed), else undefined. */
export function soleJsonArgument(program: hbs.AST.Program): Expr | undefined {
  const meaningful = program.body.filter(
    (s) => s.type !== 'CommentStatement' && !(s.type === 'ContentStatement' && (s as hbs.AST.ContentStatement).value.trim() === ''),
  );
  if (meaningful.length !== 1 || meaningful[0].type !== 'MustacheStatement') return undefined;
  const m = meaningful[0] as hbs.AST.MustacheStatement;
  return callName(m.path) === 'json' && m.params.length >= 1 ? m.params[0] : undefined;
}
