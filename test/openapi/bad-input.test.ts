/** Documents that cannot be converted: each problem names the place by JSON pointer, and nothing is written. */
import { generate } from './support/generate';
import { loadSpec } from '../../src/openapi/load-spec';
import { generateConfig } from '../../src/openapi/generate-config';
import { fixtures } from './support/generate';
import path from 'node:path';

async function problemsOf(fixture: string) {
  const loaded = await loadSpec(path.join(fixtures, fixture));
  if (!loaded.ok) return loaded.problems;
  return generateConfig(loaded.spec.doc, { rootPath: loaded.spec.rootPath, externals: loaded.spec.externals }).errors;
}

test('a file that is not OpenAPI is refused at the document root', async () => {
  expect(await problemsOf('not-openapi.invalid.yaml')).toEqual([
    { file: '', pointer: '#', message: 'not an OpenAPI or Swagger document: it has neither an "openapi" nor a "swagger" key' },
  ]);
});

test('an unsupported version is refused at #/openapi', async () => {
  const [p] = await problemsOf('unsupported-version.invalid.yaml');
  expect(p).toMatchObject({ pointer: '#/openapi' });
  expect(p.message).toContain('unsupported OpenAPI version "4.0.0"');
});

test('a YAML syntax error names the line', async () => {
  const [p] = await problemsOf('syntax-error.invalid.yaml');
  expect(p.pointer).toBe('#');
  expect(p.message).toMatch(/^not valid YAML or JSON at line \d+, column \d+: /);
});

test('a broken $ref is reported at the $ref itself, with the missing part named', async () => {
  expect(await problemsOf('broken-ref.invalid.yaml')).toEqual([
    {
      file: '',
      pointer: '#/components/schemas/Thing/properties/owner/$ref',
      message: 'cannot resolve $ref "#/components/schemas/Owner": there is no "Owner" in #/components/schemas',
    },
  ]);
});

test('a $ref to a missing file is reported at the $ref, without this machine\'s paths', async () => {
  const problems = await problemsOf('broken-external-ref/openapi.yaml');
  expect(problems).toHaveLength(1);
  expect(problems[0].pointer).toBe('#/paths/~1things/get/responses/200/content/application~1json/schema/$ref');
  expect(problems[0].message).toBe('cannot resolve $ref "schemas/missing.yaml#/Thing": cannot read schemas/missing.yaml: ENOENT: no such file or directory');
});

test('every broken $ref is reported, not only the first', () => {
  const doc = {
    openapi: '3.0.0', info: { title: 't', version: '1' },
    paths: {
      '/a': { get: { responses: { 200: { $ref: '#/components/responses/A' } } } },
      '/b': { get: { parameters: [{ $ref: '#/components/parameters/B' }], responses: { 204: { description: 'ok' } } } },
    },
  };
  const errors = generateConfig(doc).errors;
  expect(errors.map((e) => e.pointer)).toEqual(['#/paths/~1a/get/responses/200/$ref', '#/paths/~1b/get/parameters/0/$ref']);
});

test('a $ref that leads back to itself is reported as circular', () => {
  const doc = {
    openapi: '3.0.0', info: { title: 't', version: '1' },
    paths: { '/a': { get: { responses: { 200: { $ref: '#/components/responses/A' } } } } },
    components: { responses: { A: { $ref: '#/components/responses/B' }, B: { $ref: '#/components/responses/A' } } },
  };
  expect(generateConfig(doc).errors[0].message).toContain('is circular');
});

test('$ref keys inside example payloads are data, not references', async () => {
  const doc = {
    openapi: '3.0.0', info: { title: 't', version: '1' },
    paths: {
      '/schemas': {
        get: {
          responses: {
            200: {
              description: 'A JSON Schema, as data',
              content: { 'application/json': { example: { allOf: [{ $ref: '#/definitions/base' }] } } },
            },
          },
        },
      },
    },
  };
  const result = generateConfig(doc);
  expect(result.errors).toEqual([]);
  expect(result.files[0].content).toContain('$ref: "#/definitions/base"');
});

test('a mockdock config is not mistaken for a document to convert', async () => {
  await expect(generate('not-openapi.invalid.yaml')).resolves.toMatchObject({ files: [] });
});

test('a $ref to a URL is refused at the $ref: only local files are followed', () => {
  const doc = {
    openapi: '3.0.0', info: { title: 't', version: '1' },
    paths: { '/a': { get: { responses: { 200: { $ref: 'https://example.com/responses.yaml#/Ok' } } } } },
  };
  expect(generateConfig(doc).errors).toEqual([
    { file: '', pointer: '#/paths/~1a/get/responses/200/$ref', message: '$ref "https://example.com/responses.yaml#/Ok" points to a URL; only local files are followed' },
  ]);
});
