/** Small readers over the Handlebars syntax tree, shared by the checker and the fast engine. */
import type {} from 'handlebars';

export type Node = hbs.AST.Node;
export type Expr = hbs.AST.Expression;
export type Path = hbs.AST.PathExpression;
export type Call = { path: Path | hbs.AST.Literal; params: Expr[]; hash?: hbs.AST.Hash };

const LITERALS = new Set(['StringLiteral', 'NumberLiteral', 'BooleanLiteral', 'NullLiteral', 'UndefinedLiteral']);

export function isPath(node: Node): node is Path {
  return node.type === 'PathExpression';
}

export function isSubExpression(node: Node): node is hbs.AST.SubExpression {
  return node.type === 'SubExpression';
}

export function isLiteral(node: Node): boolean {
  return LITERALS.has(node.type);
}

/** The value of a literal node (`"a"`, `1`, `true`, `null`, `undefined`). */
export function literalValue(node: Node): unknown {
  if (node.type === 'NullLiteral') return null;
  if (node.type === 'UndefinedLiteral') return undefined;
  return (node as hbs.AST.StringLiteral | hbs.AST.NumberLiteral | hbs.AST.BooleanLiteral).value;
}

/** `this.x`, `./x`: never a helper call, always a lookup in the current context. */
function isScoped(path: Path): boolean {
  return /^\.|^this\b/.test(path.original);
}

/**
 * The name when the expression could call a helper: a single plain segment
 * (`uuid`, not `body.uuid`, `./uuid` or `@uuid`), or a literal (`{{"uuid"}}`), as Handlebars has it.
 */
export function callName(node: Path | hbs.AST.Literal): string | undefined {
  if (!isPath(node)) return String(literalValue(node));
  return !node.data && node.depth === 0 && node.parts.length === 1 && !isScoped(node) ? node.parts[0] : undefined;
}

/** The lookup segments of a path head: a literal path `{{"a b"}}` names one key. */
export function lookupParts(node: Path | hbs.AST.Literal): string[] {
  return isPath(node) ? node.parts : [String(literalValue(node))];
}

/** How the expression reads in the template, for messages. */
export function describe(node: Path | hbs.AST.Literal): string {
  return isPath(node) ? node.original : JSON.stringify(literalValue(node));
}

export function hashPairs(hash: hbs.AST.Hash | undefined): hbs.AST.HashPair[] {
  return hash?.pairs ?? [];
}
