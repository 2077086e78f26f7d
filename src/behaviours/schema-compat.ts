/** Makes OpenAPI 3.0 flavoured schemas compile under JSON Schema draft-07 without changing what they accept. */

type Schema = Record<string, unknown>;

const SUBSCHEMA = ['items', 'additionalItems', 'additionalProperties', 'contains', 'propertyNames', 'not', 'if', 'then', 'else'];
const SUBSCHEMA_LIST = ['allOf', 'anyOf', 'oneOf', 'items'];
const SUBSCHEMA_MAP = ['properties', 'patternProperties', 'definitions', '$defs', 'dependencies', 'dependentSchemas'];

/**
 * Returns a copy (the input is never changed) where:
 * - `nullable` without `type` is dropped: OpenAPI 3.0.3 gives it no effect there, ajv refuses it;
 * - boolean `exclusiveMinimum`/`exclusiveMaximum` (draft-04 style) become the numeric form.
 * Keywords ajv does not know (`example`, `xml`, `x-*`, `discriminator` …) are left alone; the
 * validator ignores them. Only schema positions are visited, so a property named `nullable` is safe.
 */
export function toDraft07(schema: unknown): unknown {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return schema;
  const out: Schema = { ...(schema as Schema) };

  if (typeof out.nullable === 'boolean' && out.type === undefined) delete out.nullable;
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (out[flag] === true && typeof out[bound] === 'number') {
      out[flag] = out[bound];
      delete out[bound];
    } else if (typeof out[flag] === 'boolean') {
      delete out[flag];
    }
  }

  for (const key of SUBSCHEMA) {
    if (key in out && !Array.isArray(out[key])) out[key] = toDraft07(out[key]);
  }
  for (const key of SUBSCHEMA_LIST) {
    if (Array.isArray(out[key])) out[key] = (out[key] as unknown[]).map(toDraft07);
  }
  for (const key of SUBSCHEMA_MAP) {
    const map = out[key];
    if (typeof map === 'object' && map !== null && !Array.isArray(map)) {
      const copy: Schema = {};
      // dependencies may hold a list of names instead of a schema; toDraft07 passes lists through.
      for (const [name, sub] of Object.entries(map as Schema)) copy[name] = toDraft07(sub);
      out[key] = copy;
    }
  }
  return out;
}

/**
 * Header names in a headers schema are matched lower-case (requests carry lower-case names), so
 * `properties` and `required` at the top are lower-cased; `X-Api-Key` and `x-api-key` both work.
 */
export function lowerCaseHeaderNames(schema: unknown): unknown {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return schema;
  const out: Schema = { ...(schema as Schema) };
  const props = out.properties;
  if (typeof props === 'object' && props !== null && !Array.isArray(props)) {
    out.properties = Object.fromEntries(Object.entries(props).map(([name, sub]) => [name.toLowerCase(), sub]));
  }
  if (Array.isArray(out.required)) {
    out.required = out.required.map((name) => (typeof name === 'string' ? name.toLowerCase() : name));
  }
  return out;
}
