/**
 * Completion from the config's JSON Schema (GET /__schema): the keys an endpoint may have at the cursor,
 * with their descriptions, and the values of a key with a fixed set. Pure: text and schema in, options out.
 */

export interface SchemaNode {
  $ref?: string;
  description?: string;
  title?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  allOf?: SchemaNode[];
  then?: SchemaNode;
  else?: SchemaNode;
  definitions?: Record<string, SchemaNode>;
}

export interface Option {
  label: string;
  info?: string;
}

/** Every schema a node stands for: its $ref followed, its alternatives and parts taken together. */
function branches(root: SchemaNode, node: SchemaNode | undefined, seen = new Set<SchemaNode>()): SchemaNode[] {
  if (node === undefined || seen.has(node)) return [];
  seen.add(node);
  if (node.$ref !== undefined) {
    const name = node.$ref.replace(/^#\/definitions\//, '');
    return [node, ...branches(root, root.definitions?.[name], seen)];
  }
  const parts = [...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? []), ...(node.then ? [node.then] : []), ...(node.else ? [node.else] : [])];
  return [node, ...parts.flatMap((p) => branches(root, p, seen))];
}

/** The schema of the value under `path` (keys from the endpoint down; a list item is taken as its items' schema). */
function resolve(root: SchemaNode, start: SchemaNode, path: readonly string[]): SchemaNode[] {
  let nodes = branches(root, start);
  for (const key of path) {
    nodes = nodes.flatMap((n) => [...branches(root, n.properties?.[key]), ...(key === '-' ? branches(root, n.items) : [])]);
  }
  // a value that is a list: its items' keys are offered too
  return [...nodes, ...nodes.flatMap((n) => branches(root, n.items))];
}

function describe(node: SchemaNode | undefined): string | undefined {
  return node?.description ?? node?.title;
}

export function keysAt(root: SchemaNode, path: readonly string[]): Option[] {
  const start = root.definitions?.endpoint ?? root;
  const found = new Map<string, Option>();
  for (const n of resolve(root, start, path)) {
    for (const [label, child] of Object.entries(n.properties ?? {})) {
      if (label === '$schema' || found.has(label)) continue;
      found.set(label, { label, info: describe(child) ?? describe(branches(root, child).find((b) => describe(b) !== undefined)) });
    }
  }
  return [...found.values()];
}

export function valuesAt(root: SchemaNode, path: readonly string[]): Option[] {
  const start = root.definitions?.endpoint ?? root;
  const values = new Set<string>();
  for (const n of resolve(root, start, path)) {
    for (const v of n.enum ?? []) if (typeof v === 'string') values.add(v);
    if (typeof n.const === 'string') values.add(n.const);
  }
  return [...values].map((label) => ({ label }));
}

const INDENT = /^(\s*)(?:- )?/;

/**
 * Where the cursor is: the keys from the endpoint down to the mapping it types in, and whether it types
 * a key or the value of `key:` on its line. A file of `{defaults, endpoints}` is read from inside them.
 */
export function cursorPlace(lines: readonly string[], lineIndex: number, column: number): { path: string[]; key: string | null } | null {
  const line = lines[lineIndex].slice(0, column);
  const valueOf = /^\s*(?:- )?([\w$-]+):\s+[\w-]*$/.exec(line);
  const typingKey = /^\s*(?:- )*[\w$-]*$/.test(line);
  if (!valueOf && !typingKey) return null;
  let indent = (INDENT.exec(line)?.[0] ?? '').length;
  const path: string[] = [];
  for (let i = lineIndex - 1; i >= 0 && indent > 0; i--) {
    const text = lines[i];
    if (text.trim() === '' || text.trim().startsWith('#')) continue;
    const lead = (INDENT.exec(text)?.[0] ?? '').length;
    if (lead >= indent) continue;
    const key = /^\s*(?:- )?([\w$-]+):\s*$/.exec(text)?.[1] ?? /^\s*(?:- )?([\w$-]+):/.exec(text)?.[1];
    if (key === undefined) break;
    path.unshift(key);
    indent = lead;
  }
  if (path[0] === 'endpoints' || path[0] === 'defaults') path.shift();
  return { path, key: valueOf ? valueOf[1] : null };
}
