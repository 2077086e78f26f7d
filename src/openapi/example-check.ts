/**
 * Checks a documented example against its converted schema before the mock sends it: vendors'
 * examples often contradict their own schemas (a `date` written as "2021-1-1", a required key left
 * out), and a mock must answer with what the document declares. Compiled once per distinct schema.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { ENFORCED_FORMATS } from '../behaviours/ajv-instances';
import type { JsonSchema } from './schema-converter';

export class ExampleChecker {
  private readonly ajv = new Ajv({ strict: false, logger: false, allErrors: false, validateSchema: false });
  private readonly cache = new Map<string, ValidateFunction | null>();

  constructor() {
    addFormats(this.ajv, [...ENFORCED_FORMATS]);
  }

  /** Undefined when the value fits (or the schema cannot be compiled); else the first problem, as text. */
  problem(schema: JsonSchema, value: unknown): string | undefined {
    const key = JSON.stringify(schema);
    let fn = this.cache.get(key);
    if (fn === undefined) {
      try {
        fn = this.ajv.compile(typeof schema === 'boolean' ? schema : { ...schema });
      } catch {
        fn = null;
      }
      this.cache.set(key, fn);
    }
    if (fn === null) return undefined;
    try {
      if (fn(value)) return undefined;
    } catch {
      return undefined; // a schema the validator cannot walk says nothing about the example
    }
    const e = fn.errors?.[0];
    return e ? `${e.instancePath || '/'} ${e.message ?? 'is invalid'}` : 'does not fit';
  }
}
