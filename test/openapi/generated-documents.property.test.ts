/** Property: whatever shape a document's schemas take, the generated config passes `mockdock validate`. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { generateConfig } from '../../src/openapi/generate-config';
import { buildEndpointSet } from '../../src/registry/build-endpoint-set';
import { formatIssue } from '../../src/errors/config-issue';

const COMPONENTS = ['Pet', 'Owner', 'Node'];

const scalar = fc.oneof(fc.string({ maxLength: 6 }), fc.integer({ min: -5, max: 5 }), fc.boolean(), fc.constant(null));

/** Schemas as vendors write them: every keyword combination, sound or not (empty enums, bad patterns, 3.0 and 3.1 forms). */
const { schema } = fc.letrec<{ schema: unknown }>((tie) => ({
  schema: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record(
      {
        type: fc.constantFrom('string', 'integer', 'number', 'boolean', 'null', 'file', ['string', 'null'], ['integer', 'string'], []),
        format: fc.constantFrom('date', 'date-time', 'email', 'uuid', 'uri', 'duration', 'int64', 'byte', 'binary', 'vendor-thing', ''),
        enum: fc.array(scalar, { maxLength: 3 }),
        const: scalar,
        pattern: fc.constantFrom('^[a-z]+$', '\\d{3}', '(unclosed', '^\\p{L}+$', '[[:alpha:]]'),
        minimum: fc.integer({ min: -3, max: 3 }),
        exclusiveMinimum: fc.oneof(fc.boolean(), fc.integer({ min: -3, max: 3 })),
        maxLength: fc.integer({ min: 0, max: 5 }),
        nullable: fc.boolean(),
        default: scalar,
        example: scalar,
      },
      { requiredKeys: [] },
    ),
    fc.record(
      {
        type: fc.constant('object'),
        properties: fc.dictionary(fc.constantFrom('id', 'name', 'kind', 'x y', '$ref', 'nullable'), tie('schema'), { maxKeys: 3 }),
        required: fc.array(fc.constantFrom('id', 'name', 'missing'), { maxLength: 3 }),
        additionalProperties: fc.oneof(fc.boolean(), tie('schema')),
        discriminator: fc.constant({ propertyName: 'kind' }),
      },
      { requiredKeys: ['type'] },
    ),
    fc.record({ type: fc.constant('array'), items: tie('schema'), minItems: fc.integer({ min: 0, max: 2 }) }, { requiredKeys: ['type'] }),
    fc.record({ oneOf: fc.array(tie('schema'), { maxLength: 3 }) }),
    fc.record({ anyOf: fc.array(tie('schema'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ allOf: fc.array(tie('schema'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ $ref: fc.constantFrom(...COMPONENTS.map((c) => `#/components/schemas/${c}`)), description: fc.string({ maxLength: 4 }) }, { requiredKeys: ['$ref'] }),
    fc.constant({}),
    fc.boolean(),
  ),
}));

const mediaType = fc.constantFrom('application/json', 'application/xml', 'text/plain', '*/*', 'application/x-www-form-urlencoded', 'multipart/form-data');

const operation = fc.record(
  {
    parameters: fc.array(
      fc.record({
        name: fc.constantFrom('id', 'q', 'filter', 'X-Trace', 'mount'),
        in: fc.constantFrom('query', 'header', 'path', 'cookie'),
        style: fc.constantFrom('form', 'deepObject', 'pipeDelimited', 'spaceDelimited', 'simple'),
        explode: fc.boolean(),
        allowEmptyValue: fc.boolean(),
        schema,
      }),
      { maxLength: 3 },
    ),
    requestBody: fc.record({ required: fc.boolean(), content: fc.dictionary(mediaType, fc.record({ schema }), { maxKeys: 2 }) }),
    responses: fc.dictionary(
      fc.constantFrom('200', '201', '204', '2XX', '404', 'default'),
      fc.record({ description: fc.constant('r'), content: fc.dictionary(mediaType, fc.record({ schema, example: fc.oneof(scalar, fc.constant('{"a":1}')) }, { requiredKeys: [] }), { maxKeys: 2 }) }),
      { minKeys: 1, maxKeys: 3 },
    ),
  },
  { requiredKeys: ['responses'] },
);

const document = fc.record({
  openapi: fc.constantFrom('3.0.3', '3.1.0'),
  info: fc.constant({ title: 'generated', version: '1' }),
  paths: fc.dictionary(
    fc.constantFrom('/items', '/items/{id}', '/items/{mount}/x', '/items/{id}/x', '/v1/things?beta=true', '/#Action=Send', '/items/', '/a/{id}.json'),
    fc.dictionary(fc.constantFrom('get', 'post', 'put', 'delete', 'trace'), operation, { minKeys: 1, maxKeys: 2 }),
    { maxKeys: 4 },
  ),
  components: fc.record({ schemas: fc.record(Object.fromEntries(COMPONENTS.map((c) => [c, schema]))) }),
});

test('every generated document, whatever its schema shapes, converts to config that mockdock validate accepts', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mockdock-property-'));
  try {
    await fc.assert(
      fc.asyncProperty(document, async (doc) => {
        const result = generateConfig(doc);
        if (result.errors.length > 0) throw new Error(`not converted: ${JSON.stringify(result.errors)}`);
        await writeFile(path.join(dir, 'openapi.yaml'), result.files[0].content);
        const built = await buildEndpointSet(dir, { seed: 0 });
        if (!built.ok) throw new Error(`${built.issues.map(formatIssue).join('\n')}\n---\n${result.files[0].content}`);
      }),
      { numRuns: 80, seed: 20261205 },
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}, 120_000);
