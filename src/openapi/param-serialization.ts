/**
 * Query and header parameters arrive as text, serialized as their `style`/`explode` (or Swagger 2
 * `collectionFormat`) say. This turns a parameter's converted schema into schemas for what really
 * arrives: a delimited list becomes a string whose items are checked by a pattern, a `deepObject`
 * becomes its `name[key]` fields, an exploded form object its own keys.
 */
import type { SpecParameter } from './operation-model';
import type { JsonSchema } from './schema-converter';

type Obj = Record<string, unknown>;

export interface ParamField {
  /** The key in the query (or the header name). */
  name: string;
  schema: JsonSchema;
  required: boolean;
}

export interface SerializedParam {
  fields: ParamField[];
  notes: string[];
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A node with local `$ref`s (`#/$defs/X`) followed. */
function resolve(node: unknown, defs: Obj): Obj {
  let cur = node;
  for (let hops = 0; isObj(cur) && typeof cur.$ref === 'string' && hops < 20; hops++) {
    cur = defs[cur.$ref.replace(/^#\/\$defs\//, '')];
  }
  return isObj(cur) ? cur : {};
}

function typesOf(node: Obj, defs: Obj = {}, depth = 0): string[] {
  if (typeof node.type === 'string') return [node.type];
  if (Array.isArray(node.type)) return node.type as string[];
  // `allOf: [{$ref: Entry}, {xml: …}]`, as converters write a $ref with siblings
  if (Array.isArray(node.allOf) && depth < 5) return [...new Set(node.allOf.flatMap((sub) => typesOf(resolve(sub, defs), defs, depth + 1)))];
  return isObj(node.properties) ? ['object'] : [];
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** A regex (without anchors) for one item of a delimited list, or a catch-all for the separator. */
function itemPattern(item: Obj, sep: string): string {
  const any = `[^${escapeRegex(sep)}]*`;
  const scalars = Array.isArray(item.enum) ? item.enum : 'const' in item ? [item.const] : undefined;
  if (scalars && scalars.every((v) => ['string', 'number', 'boolean'].includes(typeof v))) {
    return scalars.map((v) => escapeRegex(String(v))).join('|') || any;
  }
  const types = typesOf(item);
  if (types.length === 1 && types[0] === 'integer') return '-?\\d+';
  if (types.length === 1 && types[0] === 'number') return '-?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?';
  if (types.length === 1 && types[0] === 'boolean') return 'true|false';
  return any;
}

const SEPARATORS: Record<string, string> = { form: ',', simple: ',', csv: ',', pipeDelimited: '|', pipes: '|', spaceDelimited: ' ', ssv: ' ', tsv: '\t' };

/** `a,b,c` (or `a|b|c`, `a b c`) as one string: each item checked by a pattern, the count by the quantifier. */
function delimitedList(array: Obj, defs: Obj, style: string): JsonSchema {
  const sep = SEPARATORS[style] ?? ',';
  const item = `(?:${itemPattern(resolve(array.items, defs), sep)})`;
  const min = typeof array.minItems === 'number' ? array.minItems : 0;
  const max = typeof array.maxItems === 'number' ? array.maxItems : undefined;
  const more = `{${Math.max(0, min - 1)},${max === undefined ? '' : Math.max(0, max - 1)}}`;
  const list = `${item}(?:${escapeRegex(sep)}${item})${more === '{0,}' ? '*' : more}`;
  return { type: 'string', pattern: min === 0 ? `^(?:${list})?$` : `^${list}$` };
}

/** The object's properties as separate fields named by `key(prop)`. */
function objectFields(node: Obj, p: SpecParameter, key: (prop: string) => string, notes: string[]): ParamField[] | null {
  if (!isObj(node.properties) || Object.keys(node.properties).length === 0) return null;
  const required = Array.isArray(node.required) ? (node.required as string[]) : [];
  return Object.entries(node.properties).map(([prop, schema]) => ({
    name: key(prop),
    schema: scalarOnly(schema as JsonSchema, `${p.name}.${prop}`, notes),
    required: p.required && required.includes(prop),
  }));
}

/** A nested object or list cannot be written in one query field; such a field is left unchecked. */
function scalarOnly(schema: JsonSchema, label: string, notes: string[]): JsonSchema {
  if (!isObj(schema)) return schema;
  const types = typesOf(schema);
  if (types.includes('object') || types.includes('array') || typeof schema.$ref === 'string') {
    notes.push(`query field ${label} is nested: not validated`);
    return {};
  }
  return schema;
}

/**
 * The fields one parameter contributes to the query (or headers) schema. `schema` is the converted
 * parameter schema; `defs` the `$defs` its `$ref`s point into.
 */
export function serializedParam(p: SpecParameter, schema: JsonSchema, defs: Obj): SerializedParam {
  const notes: string[] = [];
  const top = isObj(schema) ? resolve(schema, defs) : {};
  const types = typesOf(top, defs);
  const field = (s: JsonSchema): SerializedParam => ({ fields: [{ name: p.name, schema: noEmpty(s, p), required: p.required }], notes });
  if (types.includes('object') || (p.in === 'query' && p.style === 'deepObject')) {
    if (p.in === 'query' && p.style === 'deepObject') {
      const fields = objectFields(top, p, (prop) => `${p.name}[${prop}]`, notes);
      if (fields) return { fields, notes };
    } else if (p.in === 'query' && p.explode) {
      const fields = objectFields(top, p, (prop) => prop, notes);
      if (fields) return { fields, notes };
    }
    notes.push(`${p.in} parameter ${p.name} is an object (${p.style} style) without named properties: not validated`);
    return { fields: [], notes };
  }
  if (types.includes('array') && types.length === 1) {
    if (p.in === 'query' && p.explode && p.style === 'form') {
      const item = resolve(top.items, defs);
      const itemTypes = typesOf(item, defs);
      if (itemTypes.includes('object') || itemTypes.includes('array')) {
        notes.push(`query parameter ${p.name} is a list of objects: its items are not validated`);
        const { items: _items, ...rest } = top;
        return field(rest);
      }
      return field(schema);
    }
    return field(delimitedList(top, defs, p.style));
  }
  return field(schema);
}

/** `allowEmptyValue: false`: `?name=` is refused. */
function noEmpty(schema: JsonSchema, p: SpecParameter): JsonSchema {
  if (p.allowEmptyValue !== false) return schema;
  return { allOf: [schema, { not: { const: '' } }] };
}
