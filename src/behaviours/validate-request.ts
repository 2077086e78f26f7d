/** Request validation: body, query and headers checked against JSON Schemas compiled once per load. */
import type { ValidateFunction } from 'ajv';
import type { Locate, ValidateSpec } from '../model/endpoint';
import type { MockRequest } from '../model/request';
import type { ConfigIssue } from '../errors/config-issue';
import { ErrorCodes } from '../errors/codes';
import { ajvFor } from './ajv-instances';
import { isHttpStatus, issueAt, shown } from './issue';
import { lowerCaseHeaderNames, toDraft07 } from './schema-compat';
import { plainMessage, toValidationErrors, type ValidationError } from './validation-errors';
import type { BehaviourDefinition } from '../model/pipeline';
import { jsonAnswer } from '../util/json-answer';
import { isJsonType } from '../util/media-type';
import { delayOf } from '../util/delay';

export type { ValidationError } from './validation-errors';

export interface RequestValidator {
  /** Status of the answer to an invalid request (default 400). */
  readonly status: number;
  /** Every problem, body first, then query, headers and path parameters; an empty (shared, frozen) list when valid. */
  validate(req: MockRequest, params?: Record<string, string>): ValidationError[];
}

export type RequestValidatorResult = { ok: true; validator: RequestValidator | null } | { ok: false; issues: ConfigIssue[] };

export const DEFAULT_VALIDATION_STATUS = 400;

/** Where a CRUD endpoint finds its `validate.body` check (CompileContext.shared). */
export const CRUD_BODY_VALIDATOR = 'validate.body';

const SECTIONS = ['body', 'query', 'headers', 'params'] as const;

type Section = (typeof SECTIONS)[number];
type Check = (req: MockRequest, params: Record<string, string>) => ValidationError[] | null;

const NO_PARAMS: Record<string, string> = Object.freeze({}) as Record<string, string>;

const NO_ERRORS: ValidationError[] = Object.freeze([]) as unknown as ValidationError[];


/** Compiles `validate`; null when it names no schema, so such endpoints pay nothing. */
export function compileRequestValidator(spec: ValidateSpec | undefined, locate: Locate): RequestValidatorResult {
  if (spec === undefined || spec === null) return { ok: true, validator: null };
  if (typeof spec !== 'object' || Array.isArray(spec)) {
    return { ok: false, issues: [issueAt(locate, '/validate', `must be {body?, query?, headers?, params?, status?} (got ${shown(spec)})`)] };
  }
  const issues: ConfigIssue[] = [];
  const status = spec.status ?? DEFAULT_VALIDATION_STATUS;
  if (!isHttpStatus(status)) {
    issues.push(issueAt(locate, '/validate/status', `must be an HTTP status from 100 to 599 (got ${shown(spec.status)})`));
  }
  const checks: Check[] = [];
  for (const section of SECTIONS) {
    if (spec[section] === undefined) continue;
    const compiled = compileSection(section, spec[section], locate);
    if (Array.isArray(compiled)) issues.push(...compiled);
    else checks.push(compiled);
  }
  if (issues.length > 0) return { ok: false, issues };
  if (checks.length === 0) return { ok: true, validator: null };

  return {
    ok: true,
    validator: {
      status,
      validate(req, params = NO_PARAMS) {
        let errors: ValidationError[] | undefined;
        for (const check of checks) {
          const found = check(req, params);
          if (found !== null) (errors ??= []).push(...found);
        }
        return errors ?? NO_ERRORS;
      },
    },
  };
}

function compileSection(section: Section, schema: unknown, locate: Locate): Check | ConfigIssue[] {
  const pointer = `/validate/${section}`;
  const code = ErrorCodes.CONFIG_VALIDATE_SCHEMA;
  if (typeof schema !== 'boolean' && (typeof schema !== 'object' || schema === null || Array.isArray(schema))) {
    return [issueAt(locate, pointer, `must be a JSON Schema object (or true/false) (got ${shown(schema)})`, code)];
  }
  const ajv = ajvFor(section === 'body' ? 'body' : 'params');
  const prepared = toDraft07(schema);

  // Checked against the meta-schema first: its errors point at the offending keyword.
  let metaOk: boolean;
  try {
    metaOk = ajv.validateSchema(prepared as object) as boolean;
  } catch (error) {
    return [issueAt(locate, pointer, `cannot be checked: ${(error as Error).message}`, code)];
  }
  if (!metaOk) {
    const byPointer = new Map<string, string>();
    for (const e of ajv.errors ?? []) if (!byPointer.has(e.instancePath)) byPointer.set(e.instancePath, plainMessage(e));
    return [...byPointer].map(([at, message]) => issueAt(locate, `${pointer}${at}`, `is not a valid JSON Schema: ${message}`, code));
  }

  const final = (section === 'headers' ? lowerCaseHeaderNames(prepared) : prepared) as object | boolean;
  let fn: ValidateFunction;
  try {
    fn = ajv.compile(final);
  } catch (error) {
    return [issueAt(locate, pointer, `cannot be compiled: ${(error as Error).message}`, code)];
  } finally {
    // The compiled function lives on; ajv's cache (and any $id) would otherwise grow with every reload.
    if (typeof final === 'object') ajv.removeSchema(final);
  }

  if (section === 'body') return bodyCheck(fn, formCheck(final));
  const copy = section === 'query' ? copyQuery : section === 'params' ? copyParams : copyHeaders;
  return (req, params) => {
    // Coercion writes into the data, so it works on a copy: the request stays as it came.
    const data = copy(req, params);
    return fn(data) ? null : toValidationErrors(section, fn.errors ?? []);
  };
}

function bodyCheck(fn: ValidateFunction, form: (fields: unknown) => ValidationError[] | null): Check {
  return (req) => {
    const { body } = req;
    if (body === undefined) return fn(undefined) ? null : [{ path: 'body', message: 'is required' }];
    if (isForm(req)) return form(body);
    if (!isJson(req)) return [{ path: 'body', message: 'must be JSON (send Content-Type: application/json)' }];
    return fn(body) ? null : toValidationErrors('body', fn.errors ?? []);
  };
}

/**
 * Form fields (urlencoded or multipart) arrive as text, so they are checked as query values are:
 * '5' counts as 5 where the schema wants a number. Compiled on the first form request, once per
 * load, so endpoints that only ever see JSON pay nothing for it.
 */
function formCheck(schema: object | boolean): (fields: unknown) => ValidationError[] | null {
  let fn: ValidateFunction | undefined;
  return (fields) => {
    if (fn === undefined) {
      const ajv = ajvFor('params');
      fn = ajv.compile(schema);
      if (typeof schema === 'object') ajv.removeSchema(schema);
    }
    const data = typeof fields === 'object' && fields !== null ? structuredClone(fields) : fields;
    return fn(data) ? null : toValidationErrors('body', fn.errors ?? []);
  };
}

const FORM_TYPE = /^\s*(?:application\/x-www-form-urlencoded|multipart\/form-data)\b/i;

function isForm(req: MockRequest): boolean {
  const type = req.headers['content-type'];
  return type !== undefined && FORM_TYPE.test(type);
}

/** With no Content-Type, a parsed (non-string) body is taken to be JSON. */
function isJson(req: MockRequest): boolean {
  const type = req.headers['content-type'];
  return type === undefined ? typeof req.body !== 'string' && !Buffer.isBuffer(req.body) : isJsonType(type);
}

function copyQuery(req: MockRequest): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of Object.keys(req.query)) {
    const value = req.query[key];
    out[key] = Array.isArray(value) ? value.slice() : value;
  }
  return out;
}

function copyParams(_req: MockRequest, params: Record<string, string>): Record<string, string> {
  return { ...params };
}

function copyHeaders(req: MockRequest): Record<string, string> {
  return { ...req.headers };
}

/** `validate`: a request that breaks a schema is answered 400 (or `status`) with every error, after the endpoint's latency. */
export const validateBehaviour: BehaviourDefinition = {
  name: 'validate',
  keys: { validate: { $ref: '#/definitions/validate' } },
  definitions: {
    "validate": {
      "title": "Request validation",
      "description": "JSON Schemas the request must satisfy; a request that fails gets 400 (or `status`) with {\"errors\": [{path, message}, …]} listing every error.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "body": {"description": "JSON Schema for the parsed request body.", "$ref": "#/definitions/requestSchema"},
        "query": {
          "description": "JSON Schema for the query parameters (an object of strings).",
          "$ref": "#/definitions/requestSchema",
        },
        "headers": {
          "description": "JSON Schema for the request headers (an object; names lower-case).",
          "$ref": "#/definitions/requestSchema",
        },
        "params": {
          "description": "JSON Schema for the path parameters (an object of strings, named as in the path: /users/:id gives id).",
          "$ref": "#/definitions/requestSchema",
        },
        "status": {"$ref": "#/definitions/status"},
      },
    },
    "requestSchema": {
      "title": "JSON Schema",
      "description": "A JSON Schema (draft-07), or true/false.",
      "anyOf": [{"type": "object"}, {"type": "boolean"}],
      "examples": [{"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}}],
    },
  },
  compile(ctx) {
    let spec = ctx.def.validate;
    if (ctx.def.crud !== undefined && spec && typeof spec === 'object' && spec.body !== undefined) {
      // A CRUD collection checks bodies itself: on POST and PUT, and the merged result of a PATCH.
      const { body, ...rest } = spec;
      const forBody = compileRequestValidator({ body, status: spec.status }, ctx.locate);
      if (!forBody.ok) return forBody;
      ctx.shared.set(CRUD_BODY_VALIDATOR, forBody.validator);
      spec = rest;
    }
    const result = compileRequestValidator(spec, ctx.locate);
    if (!result.ok) return result;
    const validator = result.validator;
    if (validator === null) return { ok: true, value: null };
    return {
      ok: true,
      value: {
        name: 'validate',
        run(x) {
          const errors = validator.validate(x.req, x.params);
          if (errors.length === 0) return undefined;
          const delayMs = delayOf(x);
          return { endpoint: x.endpoint, ...jsonAnswer(validator.status, { errors }), delayMs, invalid: true };
        },
      },
    };
  },
};
