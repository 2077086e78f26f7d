/** Which JSON Schema keywords survive the conversion from OpenAPI, and how their values are checked. */

export type SchemaMode = 'request' | 'response' | 'sample';

/** Keywords whose value is one schema (or a boolean schema). */
export const ONE_SCHEMA = ['additionalProperties', 'additionalItems', 'contains', 'propertyNames', 'not', 'if', 'then', 'else'];
/** Keywords whose value is a list of schemas. */
export const SCHEMA_LIST = ['allOf', 'anyOf', 'oneOf'];
/** Keywords whose value maps names to schemas. */
export const SCHEMA_MAP = ['properties', 'patternProperties', 'dependentSchemas'];
export const NUMBERS = [
  'multipleOf', 'maximum', 'minimum', 'maxLength', 'minLength', 'maxItems', 'minItems',
  'maxProperties', 'minProperties', 'maxContains', 'minContains',
];
/** Kept only in schemas that feed the sample generator; validation does not need them. */
export const SAMPLE_ONLY = ['example', 'examples', 'default', 'readOnly', 'writeOnly', 'xml'];

const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);

/** A valid `type` value, or undefined to drop it (Swagger 2 `file`, typos). */
export function cleanType(v: unknown): string | string[] | undefined {
  if (typeof v === 'string') return TYPES.has(v) ? v : undefined;
  if (Array.isArray(v)) {
    const list = v.filter((t): t is string => typeof t === 'string' && TYPES.has(t));
    const unique = [...new Set(list)];
    return unique.length === 0 ? undefined : unique.length === 1 ? unique[0] : unique;
  }
  return undefined;
}

/** True when ajv (unicode regexes) can compile the pattern. */
export function validPattern(p: unknown): p is string {
  if (typeof p !== 'string') return false;
  try {
    new RegExp(p, 'u');
    return true;
  } catch {
    return false;
  }
}

/** Draft-04 style boolean `exclusiveMinimum`/`exclusiveMaximum` (OpenAPI 3.0, Swagger 2) into the numeric form. */
export function fixExclusiveBounds(out: Record<string, unknown>, src: Record<string, unknown>): void {
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    const v = src[flag];
    if (typeof v === 'number') out[flag] = v;
    else if (v === true && typeof src[bound] === 'number') {
      out[flag] = src[bound];
      delete out[bound];
    }
  }
}
