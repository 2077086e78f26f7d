/**
 * Inlines `$defs` for the sample generator and cuts recursion where it is cheapest: an optional
 * property is left out, an array left empty, a union branch dropped. openapi-sampler alone would
 * put `{}` where a recursive schema closes its loop, which the schema itself rejects.
 */
import type { JsonSchema } from './schema-converter';

type Obj = Record<string, unknown>;
const CYCLE = Symbol('cycle');
type Out = JsonSchema | typeof CYCLE;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function unrollSchema(root: JsonSchema): JsonSchema {
  if (typeof root === 'boolean') return root;
  const { $defs, ...rest } = root;
  const defs = isObj($defs) ? $defs : {};
  const out = walk(rest, defs, []);
  return out === CYCLE ? {} : out;
}

function walk(node: unknown, defs: Obj, stack: string[]): Out {
  if (typeof node === 'boolean') return node;
  if (!isObj(node)) return {};
  if (typeof node.$ref === 'string') {
    const name = node.$ref.replace(/^#\/\$defs\//, '');
    if (stack.includes(name)) return CYCLE;
    return walk(defs[name], defs, [...stack, name]);
  }
  const out: Obj = { ...node };
  const required = Array.isArray(node.required) ? (node.required as string[]) : [];
  if (isObj(node.properties)) {
    const props: Obj = {};
    for (const [key, sub] of Object.entries(node.properties)) {
      const v = walk(sub, defs, stack);
      if (v !== CYCLE) props[key] = v;
      else if (required.includes(key)) props[key] = { type: 'object' };
    }
    out.properties = props;
  }
  if (node.items !== undefined && !Array.isArray(node.items)) {
    const v = walk(node.items, defs, stack);
    if (v === CYCLE) {
      out.items = {};
      out.maxItems = 0;
    } else out.items = v;
  }
  if (isObj(node.additionalProperties)) {
    const v = walk(node.additionalProperties, defs, stack);
    out.additionalProperties = v === CYCLE ? false : v;
  }
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    if (!Array.isArray(node[key])) continue;
    const list = (node[key] as unknown[]).map((s) => walk(s, defs, stack));
    if (key === 'allOf') out[key] = list.map((v) => (v === CYCLE ? {} : v));
    else {
      const kept = list.filter((v): v is JsonSchema => v !== CYCLE);
      if (kept.length > 0) out[key] = kept;
      else delete out[key];
    }
  }
  return out;
}
