/** Checks endpoints and defaults against the config schema; ajv compiles it once per process. */
import Ajv, { type ValidateFunction } from 'ajv';
import { explainSchemaErrors, type SchemaProblem } from './explain-schema-errors';
import { configSchema } from './schema';

interface Validators {
  endpoint: ValidateFunction;
  defaults: ValidateFunction;
  settings: ValidateFunction;
}

let validators: Validators | undefined;

function compile(): Validators {
  // verbose: the explanations read the failing schema and value from each error.
  // inlineRefs off: each definition becomes one shared function, which compiles a quarter faster.
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, inlineRefs: false });
  ajv.addSchema(configSchema, 'config');
  const get = (name: string): ValidateFunction => {
    const validate = ajv.getSchema(`config#/definitions/${name}`);
    if (!validate) throw new Error(`config schema has no definition "${name}"`);
    return validate;
  };
  return { endpoint: get('endpoint'), defaults: get('defaults'), settings: get('settings') };
}

function run(which: keyof Validators, value: unknown, prefix: string[]): SchemaProblem[] {
  validators ??= compile();
  const validate = validators[which];
  return validate(value) ? [] : explainSchemaErrors(validate.errors ?? [], prefix);
}

export function validateEndpoint(value: unknown): SchemaProblem[] {
  return run('endpoint', value, []);
}

export function validateDefaults(value: unknown): SchemaProblem[] {
  return run('defaults', value, ['defaults']);
}

/** Checks mockdock.yaml's settings. */
export function validateSettings(value: unknown): SchemaProblem[] {
  return run('settings', value, []);
}
