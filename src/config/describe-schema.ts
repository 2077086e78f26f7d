/** Says in words what a part of the config schema accepts: `an integer from 100 to 599`. */
import { schemaDefinitions as defs } from './schema';

type Schema = Record<string, unknown>;

/** Where the schema's own shape reads badly (patterns, unions), a phrase written by hand. */
const PHRASES = new Map<unknown, string>([
  [defs.path, 'a string starting with "/" (e.g. "/api/users/:id")'],
  [defs.method, 'one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS or ANY'],
  [defs.latency, 'a number of milliseconds, [min, max], or {distribution: normal | lognormal | uniform, …}'],
  [defs.latency.anyOf![1], 'a list of two numbers [min, max]'],
  [defs.condition, 'a string or {regex: "…"}'],
  [defs.headerValue, 'one line of printable text'],
  [defs.headerValue.anyOf[0], 'one line of printable text (no line breaks or control characters)'],
  [defs.failure, 'a failure object or a list of them'],
  [defs.requestSchema, 'a JSON Schema (an object) or true/false'],
  [defs.rateLimit.properties!.key, '"ip" or "header:NAME"'],
  [defs.endpointList, 'a list of endpoints'],
]);

/** Resolves a local `$ref` (`#/definitions/x`); the schema has no other kind. */
export function resolveRef(schema: unknown): Schema {
  const ref = (schema as Schema)?.$ref;
  if (typeof ref !== 'string') return (schema ?? {}) as Schema;
  const name = ref.replace('#/definitions/', '') as keyof typeof defs;
  return defs[name] as Schema;
}

function list(values: readonly unknown[]): string {
  const shown = values.map((v) => JSON.stringify(v));
  if (shown.length <= 2) return shown.join(' or ');
  return `one of ${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`;
}

function numeric(schema: Schema): string {
  const noun = schema.type === 'integer' ? 'an integer' : 'a number';
  const { minimum: min, maximum: max, exclusiveMinimum: above } = schema;
  if (min !== undefined && max !== undefined) return `${noun} from ${min} to ${max}`;
  if (above !== undefined) return `${noun} greater than ${above}`;
  if (min !== undefined) return `${noun} of at least ${min}`;
  return noun;
}

function objectShape(schema: Schema): string {
  const properties = Object.keys((schema.properties as Schema | undefined) ?? {}).filter((k) => k !== '$schema');
  if (properties.length === 0 || properties.length > 6) return 'an object';
  const required = (schema.required as string[] | undefined) ?? [];
  return `an object {${properties.map((k) => (required.includes(k) ? k : k + '?')).join(', ')}}`;
}

export function describe(input: unknown): string {
  const phrase = PHRASES.get(input);
  if (phrase) return phrase;
  const schema = resolveRef(input);
  if (schema !== input) return describe(schema);
  if (Array.isArray(schema.enum)) return list(schema.enum);
  switch (schema.type) {
    case 'integer':
    case 'number':
      return numeric(schema);
    case 'string':
      return (schema.minLength as number) > 0 ? 'a non-empty string' : 'a string';
    case 'boolean':
      return 'true or false';
    case 'array':
      return (schema.minItems as number) > 0 ? 'a non-empty list' : 'a list';
    case 'object':
      return objectShape(schema);
  }
  if (Array.isArray(schema.anyOf)) return [...new Set(schema.anyOf.map(describe))].join(' or ');
  return 'valid';
}
