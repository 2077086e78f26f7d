import { compileRequestValidator, type RequestValidator } from '../../src/behaviours/validate-request';
import { ErrorCodes } from '../../src/errors/codes';
import type { ValidateSpec } from '../../src/model/endpoint';
import { locateFrom, request } from './helpers';

const locate = locateFrom({ '/validate': 50, '/validate/body': 51, '/validate/body/properties/age': 55, '/validate/status': 60 });
const json = { 'content-type': 'application/json' };

function validator(spec: ValidateSpec): RequestValidator {
  const result = compileRequestValidator(spec, locate);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  if (result.validator === null) throw new Error('no validator');
  return result.validator;
}

function issuesOf(spec: unknown) {
  const result = compileRequestValidator(spec as ValidateSpec, locate);
  if (result.ok) throw new Error('expected issues');
  return result.issues;
}

const userSchema = {
  type: 'object',
  required: ['user', 'age'],
  additionalProperties: false,
  properties: {
    user: {
      type: 'object',
      required: ['name', 'email'],
      properties: { name: { type: 'string' }, email: { type: 'string', format: 'email' } },
    },
    age: { type: 'integer', minimum: 0 },
    role: { enum: ['admin', 'viewer'] },
  },
};

describe('compileRequestValidator', () => {
  it('returns no validator when validate is missing or names no schema', () => {
    expect(compileRequestValidator(undefined, locate)).toEqual({ ok: true, validator: null });
    expect(compileRequestValidator({ status: 422 }, locate)).toEqual({ ok: true, validator: null });
  });

  it('answers with 400 unless validate.status says otherwise', () => {
    expect(validator({ body: true }).status).toBe(400);
    expect(validator({ body: true, status: 422 }).status).toBe(422);
  });

  it('finds nothing wrong with a valid request', () => {
    const v = validator({ body: userSchema });
    expect(v.validate(request({ headers: json, body: { user: { name: 'Ada', email: 'ada@example.com' }, age: 36 } }))).toEqual([]);
  });

  it('lists every error in the body, each with its path', () => {
    const v = validator({ body: userSchema });
    const body = { user: { name: 5, email: 'not-an-email' }, age: -1, role: 'root', extra: true };
    expect(v.validate(request({ headers: json, body }))).toEqual([
      { path: 'body/extra', message: 'is not allowed' },
      { path: 'body/user/name', message: 'must be string' },
      { path: 'body/user/email', message: 'must match format "email"' },
      { path: 'body/age', message: 'must be >= 0' },
      { path: 'body/role', message: 'must be one of: admin, viewer' },
    ]);
  });

  it('points a missing required property at the property itself', () => {
    const v = validator({ body: userSchema });
    expect(v.validate(request({ headers: json, body: { user: {} } }))).toEqual([
      { path: 'body/age', message: 'is required' },
      { path: 'body/user/name', message: 'is required' },
      { path: 'body/user/email', message: 'is required' },
    ]);
  });

  it('reports a body that is not JSON as one error at body', () => {
    const v = validator({ body: userSchema });
    expect(v.validate(request({ headers: { 'content-type': 'text/plain' }, body: 'hello' }))).toEqual([
      { path: 'body', message: 'must be JSON (send Content-Type: application/json)' },
    ]);
    expect(v.validate(request({ body: 'hello' }))).toHaveLength(1);
  });

  it('reports a missing body as required unless the schema allows none', () => {
    expect(validator({ body: userSchema }).validate(request())).toEqual([{ path: 'body', message: 'is required' }]);
    expect(validator({ body: {} }).validate(request())).toEqual([]);
  });

  it('accepts JSON media types with parameters and +json suffixes', () => {
    const v = validator({ body: { type: 'object' } });
    for (const type of ['application/json; charset=utf-8', 'application/vnd.api+json', 'application/problem+json']) {
      expect(v.validate(request({ headers: { 'content-type': type }, body: {} }))).toEqual([]);
    }
    expect(v.validate(request({ body: {} }))).toEqual([]); // parsed without a Content-Type
  });

  it('coerces query strings to the types the schema asks for, leaving the request untouched', () => {
    const v = validator({
      query: {
        type: 'object',
        required: ['limit'],
        properties: { limit: { type: 'integer', maximum: 100 }, exact: { type: 'boolean' }, tags: { type: 'array', items: { type: 'integer' } } },
      },
    });
    const query = { limit: '50', exact: 'true', tags: ['1', '2'] };
    expect(v.validate(request({ query }))).toEqual([]);
    expect(query).toEqual({ limit: '50', exact: 'true', tags: ['1', '2'] });
    expect(v.validate(request({ query: { limit: '50', tags: '7' } }))).toEqual([]); // one value, array wanted
    expect(v.validate(request({ query: { limit: 'ten', tags: ['1', 'x'] } }))).toEqual([
      { path: 'query/limit', message: 'must be integer' },
      { path: 'query/tags/1', message: 'must be integer' },
    ]);
    expect(v.validate(request({ query: {} }))).toEqual([{ path: 'query/limit', message: 'is required' }]);
  });

  it('checks headers by lower-case name, whatever case the schema uses', () => {
    const v = validator({
      headers: { type: 'object', required: ['X-Api-Key'], properties: { 'X-Api-Key': { type: 'string', minLength: 8 }, 'x-retries': { type: 'integer' } } },
    });
    expect(v.validate(request({ headers: {} }))).toEqual([{ path: 'headers/x-api-key', message: 'is required' }]);
    expect(v.validate(request({ headers: { 'x-api-key': 'short', 'x-retries': 'many' } }))).toEqual([
      { path: 'headers/x-api-key', message: 'must NOT have fewer than 8 characters' },
      { path: 'headers/x-retries', message: 'must be integer' },
    ]);
    expect(v.validate(request({ headers: { 'x-api-key': 'long-enough', 'x-retries': '3' } }))).toEqual([]);
  });

  it('lists body errors before query and header errors', () => {
    const v = validator({
      headers: { required: ['authorization'] },
      query: { required: ['q'] },
      body: { type: 'object', required: ['id'] },
    });
    expect(v.validate(request({ headers: json, body: {} })).map((e) => e.path)).toEqual(['body/id', 'query/q', 'headers/authorization']);
  });

  it('words type, const and nested-type errors plainly', () => {
    const v = validator({ body: { type: 'object', properties: { n: { type: ['string', 'null'] }, v: { const: 2 } } } });
    expect(v.validate(request({ headers: json, body: { n: 1, v: 3 } }))).toEqual([
      { path: 'body/n', message: 'must be string or null' },
      { path: 'body/v', message: 'must be 2' },
    ]);
  });

  it('escapes nothing in paths: keys with slashes and tildes read as written', () => {
    const v = validator({ body: { type: 'object', properties: { 'a/b': { type: 'string' }, 'c~d': { type: 'string' } } } });
    expect(v.validate(request({ headers: json, body: { 'a/b': 1, 'c~d': 2 } })).map((e) => e.path)).toEqual(['body/a/b', 'body/c~d']);
  });

  it('accepts schemas imported from OpenAPI with their extra keywords, quietly', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const v = validator({
        body: {
          type: 'object',
          example: { id: 1 },
          xml: { name: 'pet' },
          'x-internal': true,
          discriminator: { propertyName: 'kind' },
          properties: {
            id: { type: 'integer', format: 'int64' },
            tag: { type: 'string', nullable: true },
            owner: { nullable: true, allOf: [{ type: 'object' }] },
            code: { type: 'string', format: 'made-up-format' },
            price: { type: 'number', minimum: 0, exclusiveMinimum: true },
          },
        },
      });
      expect(v.validate(request({ headers: json, body: { id: 1, tag: null, owner: {}, code: 'x', price: 1 } }))).toEqual([]);
      expect(v.validate(request({ headers: json, body: { id: 1, price: 0 } }))).toEqual([{ path: 'body/price', message: 'must be > 0' }]);
      expect(warn).not.toHaveBeenCalled();
      expect(log).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
      log.mockRestore();
    }
  });

  it('compiles the same $id again on reload and for other endpoints', () => {
    const schema = { $id: 'https://example.com/user.json', type: 'object', required: ['id'] };
    const first = validator({ body: schema });
    const second = validator({ body: { ...schema } });
    expect(second.validate(request({ headers: json, body: {} }))).toEqual([{ path: 'body/id', message: 'is required' }]);
    expect(first.validate(request({ headers: json, body: { id: 1 } }))).toEqual([]);
  });

  it('reports an invalid schema at the offending keyword', () => {
    const issues = issuesOf({ body: { type: 'object', properties: { age: { type: 'integr' } } } });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      line: 55,
      code: ErrorCodes.CONFIG_VALIDATE_SCHEMA,
      message: 'validate.body.properties.age.type is not a valid JSON Schema: must be one of: array, boolean, integer, null, number, object, string',
    });
  });

  it('reports schemas ajv cannot compile', () => {
    const [badRef] = issuesOf({ body: { $ref: '#/definitions/missing' } });
    expect(badRef).toMatchObject({ line: 51, code: ErrorCodes.CONFIG_VALIDATE_SCHEMA, message: expect.stringMatching(/^validate\.body cannot be compiled: /) });
    const [badPattern] = issuesOf({ query: { properties: { q: { type: 'string', pattern: '([a-z' } } } });
    expect(badPattern.message).toMatch(/^validate\.query/);
  });

  it('rejects a schema that is not an object, and a status that is not HTTP', () => {
    expect(issuesOf({ body: 'object' })[0]).toMatchObject({
      line: 51,
      code: ErrorCodes.CONFIG_VALIDATE_SCHEMA,
      message: 'validate.body must be a JSON Schema object (or true/false) (got "object")',
    });
    expect(issuesOf({ body: true, status: 99 })[0]).toMatchObject({ line: 60, code: ErrorCodes.CONFIG_BEHAVIOUR });
  });

  it('reports problems in every section at once', () => {
    const issues = issuesOf({ body: { type: 'nope' }, query: { minProperties: -1 }, headers: 5 });
    expect(issues.map((i) => i.message.split(' ')[0])).toEqual(['validate.body.type', 'validate.query.minProperties', 'validate.headers']);
  });
});
