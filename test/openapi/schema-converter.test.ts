/** OpenAPI schemas → JSON Schema that ajv compiles, and samples that fit it. */
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { RefResolver } from '../../src/openapi/ref-resolver';
import { ProblemSink } from '../../src/openapi/spec-problem';
import { SchemaConverter } from '../../src/openapi/schema-converter';
import type { SchemaMode } from '../../src/openapi/schema-keywords';
import { sampleValue } from '../../src/openapi/sample-value';

function converterFor(schemas: Record<string, unknown>, version: '2.0' | '3.0' | '3.1' = '3.0') {
  const doc = { components: { schemas } };
  const sink = new ProblemSink();
  const resolver = new RefResolver(doc, '/spec/openapi.yaml', new Map(), sink);
  const converter = new SchemaConverter(resolver, version);
  const convert = (value: unknown, mode: SchemaMode = 'request') => converter.toJsonSchema({ value, loc: { file: '', pointer: '#/x' } }, mode);
  return { convert, sink };
}

const ajv = new Ajv({ strict: false, logger: false });
addFormats(ajv);

test('nullable becomes a null type, a null enum member, or an anyOf with null when there is no type', () => {
  const { convert } = converterFor({ Tag: { type: 'string' } });
  expect(convert({ type: 'string', nullable: true })).toEqual({ type: ['string', 'null'] });
  expect(convert({ type: 'string', enum: ['a'], nullable: true })).toEqual({ type: ['string', 'null'], enum: ['a', null] });
  expect(convert({ $ref: '#/components/schemas/Tag', nullable: true })).toEqual({
    anyOf: [{ $ref: '#/$defs/Tag' }, { type: 'null' }],
    $defs: { Tag: { type: 'string' } },
  });
});

test('draft-04 exclusive bounds become the numeric form', () => {
  const { convert } = converterFor({});
  expect(convert({ type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 5 })).toEqual({ type: 'number', exclusiveMinimum: 0, maximum: 5 });
});

test('recursive components are referenced under $defs, and the result compiles and validates', () => {
  const { convert } = converterFor({
    Node: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/components/schemas/Node' } } } },
  });
  const schema = convert({ $ref: '#/components/schemas/Node' });
  const check = ajv.compile(schema as object);
  expect(check({ name: 'a', children: [{ name: 'b', children: [] }] })).toBe(true);
  expect(check({ name: 'a', children: [{}] })).toBe(false);
  expect(sampleValue(convert({ $ref: '#/components/schemas/Node' }, 'sample'), { direction: 'response' })).toEqual({ name: 'string', children: [] });
});

test('OpenAPI-only and annotation keywords are dropped from validation schemas (a format stays) but kept for sampling', () => {
  const { convert } = converterFor({});
  const raw = { type: 'string', example: 'x', xml: { name: 'n' }, description: 'd', 'x-vendor': 1, format: 'country-code', deprecated: true };
  // a format stays as an annotation (editors show it); the validator enforces only the well-defined ones
  expect(convert(raw)).toEqual({ type: 'string', format: 'country-code' });
  expect(convert(raw, 'sample')).toMatchObject({ type: 'string', example: 'x', xml: { name: 'n' }, format: 'country-code' });
});

test('readOnly properties are not required in requests, writeOnly ones not in responses', () => {
  const { convert } = converterFor({ Id: { type: 'string', readOnly: true } });
  const schema = { type: 'object', required: ['id', 'secret', 'name'], properties: { id: { $ref: '#/components/schemas/Id' }, secret: { type: 'string', writeOnly: true }, name: { type: 'string' } } };
  expect((convert(schema, 'request') as { required: string[] }).required).toEqual(['secret', 'name']);
  expect((convert(schema, 'response') as { required: string[] }).required).toEqual(['id', 'name']);
});

test('malformed keywords real specs carry are dropped so ajv can compile the rest', () => {
  const { convert } = converterFor({});
  const schema = convert({ type: 'object', required: true, properties: { a: { type: 'file' }, b: { type: 'string', pattern: '(?<!x' } } });
  expect(schema).toEqual({ type: 'object', properties: { a: {}, b: { type: 'string' } } });
  expect(() => ajv.compile(schema as object)).not.toThrow();
});

test('in OpenAPI 3.1, keywords beside $ref apply too; in 3.0 they are ignored', () => {
  const schemas = { A: { type: 'object' } };
  expect(converterFor(schemas, '3.1').convert({ $ref: '#/components/schemas/A', required: ['x'] })).toMatchObject({
    allOf: [{ $ref: '#/$defs/A' }, { required: ['x'] }],
  });
  expect(converterFor(schemas, '3.0').convert({ $ref: '#/components/schemas/A', required: ['x'] })).toEqual({
    $ref: '#/$defs/A',
    $defs: { A: { type: 'object' } },
  });
});

test('examples and defaults that contradict their own schema are not used for samples', () => {
  const { convert } = converterFor({});
  const schema = { type: 'object', required: ['n', 's'], properties: { n: { type: 'integer', example: 'twelve' }, s: { type: 'string', default: null } } };
  expect(sampleValue(convert(schema, 'sample'), { direction: 'response' })).toEqual({ n: 0, s: 'string' });
});

test('a component name used in two files gets a numbered name', () => {
  const doc = { components: { schemas: { Pet: { type: 'object' } } } };
  const other = { Pet: { type: 'string' } };
  const resolver = new RefResolver(doc, '/spec/openapi.yaml', new Map([['/spec/other.yaml', other]]), new ProblemSink());
  const converter = new SchemaConverter(resolver, '3.0');
  const schema = converter.toJsonSchema(
    { value: { anyOf: [{ $ref: '#/components/schemas/Pet' }, { $ref: 'other.yaml#/Pet' }] }, loc: { file: '', pointer: '#/x' } },
    'request',
  );
  expect(schema).toEqual({
    anyOf: [{ $ref: '#/$defs/Pet' }, { $ref: '#/$defs/Pet_2' }],
    $defs: { Pet: { type: 'object' }, Pet_2: { type: 'string' } },
  });
});
