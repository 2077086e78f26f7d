/** Turns OpenAPI schemas into self-contained JSON Schemas: referenced components go under `$defs`, OpenAPI-only keywords are converted or dropped. */
import path from 'node:path';
import type { RefResolver, Loc, Located } from './ref-resolver';
import { at, isObject } from './ref-resolver';
import { unescapeToken } from './spec-problem';
import type { SpecVersion } from './operation-model';
import {
  type SchemaMode, ONE_SCHEMA, SCHEMA_LIST, SCHEMA_MAP, NUMBERS, SAMPLE_ONLY,
  cleanType, validPattern, fixExclusiveBounds,
} from './schema-keywords';
import { applySampleHints } from './sample-hints';

export type JsonSchema = Record<string, unknown> | boolean;
type Obj = Record<string, unknown>;

interface DefEntry {
  node: JsonSchema;
  /** Keys of the definitions this one refers to directly. */
  refs: string[];
}

const locKey = (loc: Loc) => `${loc.file}${loc.pointer}`;

/** Keywords that apply their schemas to the same value, so a `$ref` through them consumes no data. */
const IN_PLACE = ['allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else'];

/** Definitions a node reaches without descending into the value (`$ref`, `allOf`, `anyOf` …). */
function inPlaceRefs(node: unknown, out: Set<string>): void {
  if (!isObject(node)) return;
  if (typeof node.$ref === 'string') out.add(node.$ref.replace(/^#\/\$defs\//, ''));
  for (const key of IN_PLACE) {
    const v = node[key];
    if (Array.isArray(v)) v.forEach((sub) => inPlaceRefs(sub, out));
    else inPlaceRefs(v, out);
  }
}

/**
 * A definition that reaches itself without descending into the value (`Node: {$ref: Node}`,
 * `Node: {anyOf: [{$ref: Node}]}`) sends validators into endless recursion and describes nothing
 * a value could satisfy by structure: it becomes `{}` (anything).
 */
function breakRefLoops(defs: Obj): void {
  const edges = new Map<string, Set<string>>();
  for (const [name, node] of Object.entries(defs)) {
    const out = new Set<string>();
    inPlaceRefs(node, out);
    edges.set(name, out);
  }
  const looping: string[] = [];
  for (const name of edges.keys()) {
    const seen = new Set<string>();
    const stack = [...(edges.get(name) ?? [])];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (next === name) {
        looping.push(name);
        break;
      }
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...(edges.get(next) ?? []));
    }
  }
  for (const name of looping) defs[name] = {};
}

/** `enum` values without repeats (JSON Schema asks for unique items). */
function uniqueValues(list: unknown[]): unknown[] {
  const seen = new Set<string>();
  return list.filter((v) => {
    const key = JSON.stringify(v) ?? 'undefined';
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * One converter per generated config: definition names are fixed for the whole output, and each
 * referenced component is converted once per mode however many operations use it.
 */
export class SchemaConverter {
  private readonly names = new Map<string, string>();
  private readonly usedNames = new Set<string>();
  private readonly defs = new Map<string, DefEntry>();

  constructor(
    private readonly r: RefResolver,
    private readonly version: SpecVersion,
  ) {}

  /** The schema, with every definition it reaches (directly or not) under `$defs`. */
  toJsonSchema(schema: Located, mode: SchemaMode): JsonSchema {
    const refs = new Set<string>();
    const root = this.node(schema.value, schema.loc, mode, refs);
    const defs: Obj = {};
    const queue = [...refs];
    const seen = new Set(queue);
    while (queue.length > 0) {
      const key = queue.shift()!;
      const entry = this.defEntry(key, mode);
      defs[this.names.get(key)!] = entry.node;
      for (const next of entry.refs) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    breakRefLoops(defs);
    if (Object.keys(defs).length === 0) return root;
    if (typeof root === 'boolean') return root ? { $defs: defs } : { not: {}, $defs: defs };
    return { ...root, $defs: defs };
  }

  /** True when the schema (after `$ref`s) is marked readOnly / writeOnly. */
  private flagged(value: unknown, loc: Loc, flag: 'readOnly' | 'writeOnly'): boolean {
    const target = this.r.deref(value, loc, true);
    return target !== null && isObject(target.value) && target.value[flag] === true;
  }

  private defEntry(key: string, mode: SchemaMode): DefEntry {
    const cacheKey = `${mode}|${key}`;
    const cached = this.defs.get(cacheKey);
    if (cached) return cached;
    const entry: DefEntry = { node: {}, refs: [] };
    this.defs.set(cacheKey, entry);
    const hash = key.indexOf('#');
    const loc: Loc = { file: key.slice(0, hash), pointer: key.slice(hash) };
    const found = this.r.lookup(loc);
    if ('value' in found) {
      const refs = new Set<string>();
      entry.node = this.node(found.value, loc, mode, refs);
      entry.refs = [...refs];
    }
    return entry;
  }

  private defName(loc: Loc): string {
    const key = locKey(loc);
    const known = this.names.get(key);
    if (known) return known;
    let tokens = loc.pointer.replace(/^#\/?/, '').split('/').filter(Boolean).map(unescapeToken);
    if (tokens[0] === 'components' && tokens.length > 2) tokens = tokens.slice(2);
    else if (tokens[0] === 'definitions' && tokens.length > 1) tokens = tokens.slice(1);
    let base = tokens.join('.') || path.basename(loc.file, path.extname(loc.file)) || 'schema';
    base = base.replace(/[^A-Za-z0-9_.-]/g, '_');
    let name = base;
    for (let i = 2; this.usedNames.has(name); i++) name = `${base}_${i}`;
    this.usedNames.add(name);
    this.names.set(key, name);
    return name;
  }

  private refNode(ref: string, loc: Loc, refs: Set<string>): Obj {
    const site = at(loc, '$ref');
    const to = this.r.target(ref, site);
    if (to === null) return {};
    const found = this.r.lookup(to);
    if ('error' in found) {
      this.r.problem(site, `cannot resolve $ref ${JSON.stringify(ref)}: ${found.error}`);
      return {};
    }
    const name = this.defName(to);
    refs.add(locKey(to));
    return { $ref: `#/$defs/${name}` };
  }

  private node(value: unknown, loc: Loc, mode: SchemaMode, refs: Set<string>): JsonSchema {
    if (typeof value === 'boolean') return value;
    if (!isObject(value)) return {};
    const nullable = value.nullable === true || value['x-nullable'] === true;
    if (typeof value.$ref === 'string') {
      let out: Obj = this.refNode(value.$ref, loc, refs);
      if (this.version === '3.1') {
        const rest: Obj = {};
        for (const [k, v] of Object.entries(value)) if (k !== '$ref' && k !== 'nullable') rest[k] = v;
        const extra = this.convertObject(rest, loc, mode, refs);
        if (Object.keys(extra).length > 0) out = { allOf: [out, extra] };
      }
      return nullable ? { anyOf: [out, { type: 'null' }] } : out;
    }
    const out = this.convertObject(value, loc, mode, refs);
    if (!nullable) return out;
    if (typeof out.type === 'string') out.type = out.type === 'null' ? 'null' : [out.type, 'null'];
    else if (Array.isArray(out.type)) out.type = out.type.includes('null') ? out.type : [...out.type, 'null'];
    else if (Object.keys(out).length > 0) return { anyOf: [out, { type: 'null' }] };
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }

  private convertObject(value: Obj, loc: Loc, mode: SchemaMode, refs: Set<string>): Obj {
    const out: Obj = {};
    const child = (v: unknown, ...tokens: Array<string | number>) => this.node(v, at(loc, ...tokens), mode, refs);
    for (const [k, v] of Object.entries(value)) {
      if (k === 'type') {
        const t = cleanType(v);
        if (t !== undefined) out.type = t;
      } else if (SCHEMA_MAP.includes(k) && isObject(v)) {
        const map: Obj = {};
        for (const [name, sub] of Object.entries(v)) {
          if (k === 'patternProperties' && !validPattern(name)) continue;
          map[name] = child(sub, k, name);
        }
        out[k] = map;
      } else if (k === 'items' || k === 'prefixItems') {
        if (Array.isArray(v)) out.items = v.map((sub, i) => child(sub, k, i));
        else if (k === 'items' && Array.isArray(value.prefixItems)) out.additionalItems = child(v, k);
        else if (k === 'items') out.items = child(v, k);
      } else if (ONE_SCHEMA.includes(k) && (isObject(v) || typeof v === 'boolean')) {
        out[k] = child(v, k);
      } else if (SCHEMA_LIST.includes(k) && Array.isArray(v) && v.length > 0) {
        out[k] = v.map((sub, i) => child(sub, k, i));
      } else if (k === 'enum' && Array.isArray(v)) {
        // an empty list (3.1 documents built from `const`/`oneOf` generators write them) would reject everything
        if (v.length > 0) out.enum = uniqueValues(v);
      } else if (k === 'const') {
        out.const = v;
      } else if (k === 'required' && Array.isArray(v)) {
        const names = v.filter((n): n is string => typeof n === 'string');
        if (names.length > 0) out.required = [...new Set(names)];
      } else if (NUMBERS.includes(k) && typeof v === 'number') {
        out[k] = v;
      } else if (k === 'uniqueItems' && typeof v === 'boolean') {
        out[k] = v;
      } else if (k === 'pattern' && validPattern(v)) {
        out.pattern = v;
      } else if (k === 'format' && typeof v === 'string') {
        // kept whatever it is: mockdock enforces only the formats defined one way, the rest stay as annotations
        out.format = v;
      } else if ((k === 'dependentRequired' || k === 'dependencies') && isObject(v)) {
        out[k] = v;
      } else if (mode === 'sample' && SAMPLE_ONLY.includes(k)) {
        out[k] = v;
      }
    }
    fixExclusiveBounds(out, value);
    if (mode === 'sample') applySampleHints(out);
    // Specs list overlapping shapes under oneOf (two objects with no required keys, or a
    // discriminator deciding): strict oneOf would reject values that fit several branches.
    if (mode !== 'sample' && Array.isArray(out.oneOf) && out.anyOf === undefined) {
      out.anyOf = out.oneOf;
      delete out.oneOf;
    }
    if (mode !== 'sample' && Array.isArray(out.required) && isObject(value.properties)) {
      const props = value.properties;
      const skip = mode === 'request' ? 'readOnly' : 'writeOnly';
      const kept = (out.required as string[]).filter(
        (name) => props[name] === undefined || !this.flagged(props[name], at(loc, 'properties', name), skip),
      );
      if (kept.length > 0) out.required = kept;
      else delete out.required;
    }
    return out;
  }
}
