/**
 * Checks a documented example against its converted schema before the mock sends it: vendors'
 * examples often contradict their own schemas (a `date` written as "2021-1-1", a required key left
 * out), and a mock must answer with what the document declares. An interpreting validator
 * (@cfworker/json-schema) rather than ajv: each schema is used for one or two values, and ajv's
 * code generation cost more than all the rest of a conversion on a 1,000-operation document.
 */
import { Validator } from '@cfworker/json-schema';
import { ENFORCED_FORMATS } from '../behaviours/ajv-instances';
import type { JsonSchema } from './schema-converter';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const ENFORCED = new Set<string>(ENFORCED_FORMATS);

/** The schema with only the enforced formats left (the others are annotations, as in `validate`). */
function enforcedFormatsOnly(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(enforcedFormatsOnly);
  if (!isObj(node)) return node;
  const out: Obj = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'format' && typeof v === 'string' && !ENFORCED.has(v)) continue;
    out[k] = k === 'enum' || k === 'const' ? v : enforcedFormatsOnly(v);
  }
  return out;
}

export class ExampleChecker {
  private readonly cache = new Map<string, Validator | null>();

  /**
   * Undefined when the value fits (or the schema cannot be read); else the first problem, as text.
   * `key` names the schema when the caller knows it (the place it was written), which spares
   * serializing large schemas to find them in the cache.
   */
  problem(schema: JsonSchema, value: unknown, key = JSON.stringify(schema)): string | undefined {
    let validator = this.cache.get(key);
    if (validator === undefined) {
      try {
        validator = new Validator(enforcedFormatsOnly(schema) as never, '7', true);
      } catch {
        validator = null;
      }
      this.cache.set(key, validator);
    }
    if (validator === null) return undefined;
    try {
      const result = validator.validate(value);
      if (result.valid) return undefined;
      const e = result.errors[result.errors.length - 1];
      return e ? `${e.instanceLocation.replace(/^#/, '') || '/'} ${e.error}` : 'does not fit';
    } catch {
      return undefined; // a schema the validator cannot walk says nothing about the example
    }
  }
}
