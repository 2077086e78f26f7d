/**
 * Where several templated paths of one method match the same requests (`/auth/{approle}/role/{name}`
 * and `/auth/{aws}/role/{name}`, one per mount), a path parameter's documented `default` or `example`
 * pins each operation to that value: its endpoint path carries the literal segment, which outranks
 * the templates. When every operation of such a group is pinned, the first one also keeps a
 * templated fallback, so requests for other values are still answered.
 */
import type { SpecOperation } from './operation-model';
import type { RefResolver } from './ref-resolver';
import { isObject } from './ref-resolver';
import { splitPathKey } from './base-path';

export interface Pin {
  /** The OpenAPI parameter name and the literal value its segment takes. */
  name: string;
  value: string;
}

export interface PinPlan {
  /** Per operation, the parameters pinned (the leftmost documented one, more while it still collides). */
  pins: Map<SpecOperation, Pin[]>;
  /** Operations that also get a templated endpoint (the first of a group whose every operation is pinned). */
  fallbacks: SpecOperation[];
}

/** A value usable as one path segment, or undefined. */
function segmentValue(v: unknown): string | undefined {
  if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return undefined;
  const text = String(v);
  return text === '' || text.includes('/') || text.includes('{') ? undefined : text;
}

function documentedValue(op: SpecOperation, name: string, r: RefResolver): string | undefined {
  const p = op.parameters.find((x) => x.in === 'path' && x.name === name);
  if (!p) return undefined;
  let schema: Record<string, unknown> = {};
  if (p.schema) {
    const s = r.deref(p.schema.value, p.schema.loc, true);
    if (s && isObject(s.value)) schema = s.value;
  }
  const examples = Array.isArray(schema.examples) ? schema.examples : [];
  for (const v of [schema.default, p.example?.value, schema.example, examples[0]]) {
    const text = segmentValue(v);
    if (text !== undefined) return text;
  }
  return undefined;
}

/** The shape requests see: parameters as wildcards, the literal query kept. */
function shapeOf(op: SpecOperation): string {
  const key = splitPathKey(op.path);
  // a trailing slash does not tell routes apart: mockdock matches /a and /a/ alike
  const shape = key.template.replace(/\{[^{}]+\}/g, '{}').replace(/\/+$/, '');
  return `${op.method} ${op.basePath}${shape} ${JSON.stringify(key.query ?? {})}`;
}

export function planPins(ops: SpecOperation[], r: RefResolver): PinPlan {
  const groups = new Map<string, SpecOperation[]>();
  for (const op of ops) {
    if (!op.path.includes('{')) continue;
    const shape = shapeOf(op);
    const list = groups.get(shape);
    if (list) list.push(op);
    else groups.set(shape, [op]);
  }
  const plan: PinPlan = { pins: new Map(), fallbacks: [] };
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const documented = new Map<SpecOperation, Pin[]>();
    for (const op of group) {
      const names = [...splitPathKey(op.path).template.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]);
      const list: Pin[] = [];
      for (const name of names) {
        const value = documentedValue(op, name, r);
        if (value !== undefined) list.push({ name, value });
      }
      if (list.length > 0) documented.set(op, list);
    }
    // the leftmost documented parameter first; another one while two pinned paths still look alike
    const taken = new Map<SpecOperation, number>([...documented.keys()].map((op) => [op, 1]));
    for (let round = 0; round < 5; round++) {
      const byShape = new Map<string, SpecOperation[]>();
      for (const [op, n] of taken) {
        const shape = pinTemplate(splitPathKey(op.path).template, documented.get(op)!.slice(0, n)).replace(/\{[^{}]+\}/g, '{}');
        byShape.set(shape, [...(byShape.get(shape) ?? []), op]);
      }
      let grew = false;
      for (const same of byShape.values()) {
        if (same.length < 2) continue;
        for (const op of same) {
          if (taken.get(op)! < documented.get(op)!.length) {
            taken.set(op, taken.get(op)! + 1);
            grew = true;
          }
        }
      }
      if (!grew) break;
    }
    for (const [op, n] of taken) plan.pins.set(op, documented.get(op)!.slice(0, n));
    if (group.every((op) => plan.pins.has(op))) plan.fallbacks.push(group[0]);
  }
  return plan;
}

/** The path template with the pinned parameters' segments replaced by their values. */
export function pinTemplate(template: string, pins: Pin[]): string {
  return template
    .split('/')
    .map((seg) => {
      const pin = pins.find((p) => seg === `{${p.name}}`);
      return pin ? encodeURIComponent(pin.value) : seg;
    })
    .join('/');
}

/** The one value a parameter allows (`enum: [true]`, `const`), as query text, or undefined. */
function onlyValue(op: SpecOperation, name: string, r: RefResolver): string | undefined {
  const p = op.parameters.find((x) => x.in === 'query' && x.name === name);
  if (!p?.schema) return undefined;
  const s = r.deref(p.schema.value, p.schema.loc, true);
  if (!s || !isObject(s.value)) return undefined;
  const values = Array.isArray(s.value.enum) ? s.value.enum : 'const' in s.value ? [s.value.const] : [];
  return values.length === 1 && ['string', 'number', 'boolean'].includes(typeof values[0]) ? String(values[0]) : undefined;
}

/**
 * Operations of one method whose paths match the same requests (`/kv/{path}` and `/kv/{path}/`,
 * which differ only by a trailing slash) are told apart by a required query parameter that allows
 * one value (`list=true`): it becomes a query condition on that operation's endpoint.
 */
export function planQueryConditions(ops: SpecOperation[], r: RefResolver): Map<SpecOperation, Record<string, string>> {
  const groups = new Map<string, SpecOperation[]>();
  for (const op of ops) {
    const shape = shapeOf(op);
    const list = groups.get(shape);
    if (list) list.push(op);
    else groups.set(shape, [op]);
  }
  const out = new Map<SpecOperation, Record<string, string>>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    for (const op of group) {
      const conditions: Record<string, string> = {};
      for (const p of op.parameters) {
        if (p.in !== 'query' || !p.required) continue;
        const value = onlyValue(op, p.name, r);
        if (value !== undefined) conditions[p.name] = value;
      }
      if (Object.keys(conditions).length > 0) out.set(op, conditions);
    }
  }
  return out;
}
