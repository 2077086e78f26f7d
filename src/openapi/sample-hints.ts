/**
 * Sample-only touches on a converted schema node: annotations (`example`, `default`, `examples`)
 * that contradict the node's own keywords are dropped (real specs have `default: null` on strings,
 * prose in integer examples), and strings with a `pattern` or `format: byte` get a fitting example.
 */
import { isDeepStrictEqual } from 'node:util';
import { patternSample } from './pattern-sample';

type Obj = Record<string, unknown>;

function typeOk(v: unknown, t: string): boolean {
  switch (t) {
    case 'null':
      return v === null;
    case 'integer':
      return Number.isInteger(v);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'array':
      return Array.isArray(v);
    case 'object':
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    default:
      return typeof v === t;
  }
}

/** A shallow check: the value's own type and bounds against this node's keywords (nested parts are not looked at). */
export function fitsNode(v: unknown, s: Obj): boolean {
  const types = s.type === undefined ? null : Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
  if (types && !types.some((t) => typeOk(v, t))) return false;
  if (Array.isArray(s.enum) && !s.enum.some((e) => isDeepStrictEqual(e, v))) return false;
  if ('const' in s && !isDeepStrictEqual(s.const, v)) return false;
  const num = (k: string) => (typeof s[k] === 'number' ? (s[k] as number) : undefined);
  if (typeof v === 'string') {
    const length = [...v].length;
    const shape = typeof s.format === 'string' ? FORMAT_SHAPES[s.format] : undefined;
    if (shape && !shape.test(v)) return false;
    if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(v)) return false;
    if (length < (num('minLength') ?? 0) || length > (num('maxLength') ?? Infinity)) return false;
  }
  if (typeof v === 'number') {
    if (v < (num('minimum') ?? -Infinity) || v > (num('maximum') ?? Infinity)) return false;
    if (v <= (num('exclusiveMinimum') ?? -Infinity) || v >= (num('exclusiveMaximum') ?? Infinity)) return false;
    const step = num('multipleOf');
    if (step !== undefined && step > 0 && !Number.isInteger(v / step)) return false;
  }
  if (Array.isArray(v) && (v.length < (num('minItems') ?? 0) || v.length > (num('maxItems') ?? Infinity))) return false;
  if (typeOk(v, 'object') && Array.isArray(s.required) && !s.required.every((k) => k in (v as Obj))) return false;
  return true;
}

const BASE64_SAMPLE = 'c3RyaW5n';

/** Rough shapes of the enforced string formats: an example that misses its shape is not used. */
const FORMAT_SHAPES: Record<string, RegExp> = {
  date: /^\d{4}-\d{2}-\d{2}$/,
  'date-time': /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})$/,
  uuid: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
  email: /^[^\s@]+@[^\s@]+$/,
};

export function applySampleHints(out: Obj): void {
  for (const key of ['example', 'default']) {
    if (key in out && !fitsNode(out[key], out)) delete out[key];
  }
  if (Array.isArray(out.examples)) {
    const kept = out.examples.filter((e) => fitsNode(e, out));
    if (kept.length > 0) out.examples = kept;
    else delete out.examples;
  }
  const given = ['example', 'default', 'examples', 'enum', 'const'].some((k) => k in out);
  const stringy = out.type === 'string' || (Array.isArray(out.type) && out.type.includes('string'));
  if (given || !stringy) return;
  const min = typeof out.minLength === 'number' ? out.minLength : 0;
  const max = typeof out.maxLength === 'number' ? out.maxLength : Infinity;
  if (typeof out.pattern === 'string') {
    const sample = patternSample(out.pattern, min, max);
    if (sample !== undefined) out.example = sample;
  } else if (out.format === 'byte' && min <= BASE64_SAMPLE.length && max >= BASE64_SAMPLE.length) {
    out.example = BASE64_SAMPLE;
  }
}

let stripped = false;

/** `withoutExamples(node)`, or undefined when there was nothing to take out. */
export function withoutExamplesIfAny(node: unknown): unknown {
  stripped = false;
  const out = withoutExamples(node);
  return stripped ? out : undefined;
}

const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];

/**
 * A copy of a sample schema without `example`, `examples` and `default` anywhere: vendors' schema
 * examples can contradict the schema, and the sampler copies them; without them it samples by type.
 */
export function withoutExamples(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutExamples);
  if (typeof node !== 'object' || node === null) return node;
  const out: Obj = {};
  for (const [k, v] of Object.entries(node as Obj)) {
    if (k === 'example' || k === 'examples' || k === 'default') {
      stripped = true;
      continue;
    }
    if (SCHEMA_MAPS.includes(k) && typeof v === 'object' && v !== null && !Array.isArray(v)) {
      out[k] = Object.fromEntries(Object.entries(v).map(([name, sub]) => [name, withoutExamples(sub)]));
    } else if (k === 'enum' || k === 'const' || k === 'required' || k === 'xml') out[k] = v;
    else out[k] = withoutExamples(v);
  }
  return out;
}
