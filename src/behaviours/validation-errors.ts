/** Turns ajv's errors into `{path, message}` a tester can read: `query/limit: must be integer`. */
import type { ErrorObject } from 'ajv';
import { unescapeToken } from '../util/json-pointer';

export interface ValidationError {
  /** Starts with the section: `body/user/name`, `query/limit`, `headers/x-api-key`. */
  path: string;
  message: string;
}

/** One entry per distinct (path, message), in ajv's order. */
export function toValidationErrors(section: string, errors: readonly ErrorObject[]): ValidationError[] {
  const seen = new Set<string>();
  const out: ValidationError[] = [];
  for (const error of errors) {
    const { path, message } = describe(section, error);
    const key = `${path}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path, message });
  }
  return out;
}

/** JSON pointer segments unescaped and joined by `/`, behind the section name. */
export function sectionPath(section: string, pointer: string, child?: string): string {
  let path = section;
  if (pointer !== '') {
    for (const part of pointer.split('/').slice(1)) path += `/${unescapeToken(part)}`;
  }
  return child === undefined ? path : `${path}/${child}`;
}

/** A message in plain words; also used for errors in a config's schemas. */
export function plainMessage(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
    case 'unevaluatedProperties':
    case 'false schema':
      return 'is not allowed';
    case 'enum':
      return `must be one of: ${(p.allowedValues as unknown[]).map(text).join(', ')}`;
    case 'const':
      return `must be ${text(p.allowedValue)}`;
    case 'type': {
      const types = Array.isArray(p.type) ? p.type : String(p.type).split(',');
      return `must be ${types.join(' or ')}`;
    }
    default:
      return error.message ?? 'is invalid';
  }
}

function describe(section: string, error: ErrorObject): ValidationError {
  const p = error.params as Record<string, unknown>;
  // A missing or extra property is reported at that property, not at its parent object.
  const child =
    error.keyword === 'required'
      ? String(p.missingProperty)
      : error.keyword === 'additionalProperties'
        ? String(p.additionalProperty)
        : error.keyword === 'unevaluatedProperties'
          ? String(p.unevaluatedProperty)
          : undefined;
  return { path: sectionPath(section, error.instancePath, child), message: plainMessage(error) };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
