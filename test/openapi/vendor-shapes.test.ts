/** Small documents of the shapes real vendors publish, generated, served and called as a client would. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import supertest from 'supertest';
import YAML from 'yaml';
import { generateConfig } from '../../src/openapi/generate-config';
import { buildEndpointSet } from '../../src/registry/build-endpoint-set';
import { createTestApp } from '../helpers/test-app';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

type Paths = Record<string, unknown>;

function oas3(paths: Paths, extra: Record<string, unknown> = {}) {
  return { openapi: '3.0.3', info: { title: 't', version: '1' }, paths, ...extra };
}

/** Generates config from `doc`, checks that it validates as `mockdock validate` does, and serves it. */
async function serve(doc: unknown) {
  const result = generateConfig(doc);
  expect(result.errors).toEqual([]);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mockdock-shapes-'));
  dirs.push(dir);
  await writeFile(path.join(dir, 'openapi.yaml'), result.files[0].content);
  const built = await buildEndpointSet(dir, { seed: 0 });
  expect(built.ok).toBe(true);
  const { app, log } = await createTestApp({ config: dir });
  const endpoints = (YAML.parse(result.files[0].content) as { endpoints: Array<Record<string, unknown>> }).endpoints;
  return { agent: supertest(app.callback()), log, endpoints, text: result.files[0].content };
}

const ok = { 200: { description: 'ok', content: { 'application/json': { schema: { type: 'object' }, example: { ok: true } } } } };

describe('documents that vendors publish outside the letter of OpenAPI', () => {
  test('a path key with a literal query is served on that query, beside the same path without it', async () => {
    const { agent } = await serve(oas3({
      '/v1/responses': { post: { operationId: 'plain', responses: { 200: { description: 'ok', content: { 'application/json': { example: { beta: false } } } } } } },
      '/v1/responses?beta=true': { post: { operationId: 'beta', responses: { 200: { description: 'ok', content: { 'application/json': { example: { beta: true } } } } } } },
    }));
    expect((await agent.post('/v1/responses?beta=true')).body).toEqual({ beta: true });
    expect((await agent.post('/v1/responses')).body).toEqual({ beta: false });
  });

  test('an empty enum (from 3.1 generators) does not break the file: the config validates and the value is accepted', async () => {
    const { agent } = await serve({
      openapi: '3.1.0', info: { title: 't', version: '1' },
      paths: { '/items': { get: { parameters: [{ name: 'kind', in: 'query', schema: { type: 'string', enum: [] } }], responses: ok } } },
    });
    expect((await agent.get('/items?kind=x')).status).toBe(200);
  });

  test('format: duration is an annotation: a Go duration such as "1h" is accepted, while format: uuid is enforced', async () => {
    const body = { type: 'object', properties: { ttl: { type: 'string', format: 'duration' }, id: { type: 'string', format: 'uuid' } } };
    const { agent, text } = await serve(oas3({ '/roles': { post: { requestBody: { required: true, content: { 'application/json': { schema: body } } }, responses: ok } } }));
    expect(text).toContain('format: duration');
    expect((await agent.post('/roles').send({ ttl: '1h' })).status).toBe(200);
    const bad = await agent.post('/roles').send({ ttl: '1h', id: 'not-a-uuid' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('body/id');
  });

  test('templated paths shared by many mounts: a request for a documented default reaches that operation', async () => {
    const mount = (name: string, def: string) => ({
      post: {
        operationId: `${name}-write-role`,
        parameters: [
          { name: `${name}_mount_path`, in: 'path', required: true, schema: { type: 'string', default: def } },
          { name: 'role', in: 'path', required: true, schema: { type: 'string' } },
        ],
        responses: { 200: { description: 'ok', content: { 'application/json': { example: { mount: def } } } } },
      },
    });
    const { agent, log } = await serve(oas3({
      '/auth/{approle_mount_path}/role/{role}': mount('approle', 'approle'),
      '/auth/{aws_mount_path}/role/{role}': mount('aws', 'aws'),
      '/auth/{kubernetes_mount_path}/role/{role}': mount('kubernetes', 'kubernetes'),
    }));
    expect((await agent.post('/auth/aws/role/r1')).body).toEqual({ mount: 'aws' });
    expect(log.query({ limit: 1 })[0].endpoint).toBe('aws-write-role');
    expect((await agent.post('/auth/kubernetes/role/r1')).body).toEqual({ mount: 'kubernetes' });
    // another mount name still gets an answer (from the first operation of the group)
    const other = await agent.post('/auth/my-approle/role/r1');
    expect(other.status).toBe(200);
    expect(log.query({ limit: 1 })[0].endpoint).toBe('approle-write-role [any approle_mount_path]');
  });

  test('when the first documented parameter does not tell two templates apart, the next one does', async () => {
    const mount = { name: 'mount', in: 'path', required: true, schema: { type: 'string', default: 'transit' } };
    const answer = (id: string) => ({ 200: { description: 'ok', content: { 'application/json': { example: { id } } } } });
    const { agent } = await serve(oas3({
      '/{mount}/random/{source}': { post: { operationId: 'with-source', parameters: [mount, { name: 'source', in: 'path', required: true, schema: { type: 'string', default: 'platform' } }], responses: answer('with-source') } },
      '/{mount}/random/{bytes}': { post: { operationId: 'with-bytes', parameters: [mount, { name: 'bytes', in: 'path', required: true, schema: { type: 'string' } }], responses: answer('with-bytes') } },
    }));
    expect((await agent.post('/transit/random/platform')).body).toEqual({ id: 'with-source' });
    expect((await agent.post('/transit/random/32')).body).toEqual({ id: 'with-bytes' });
  });

  test('a route declared with and without a trailing slash is told apart by a required one-value query parameter (list=true)', async () => {
    const { agent } = await serve(oas3({
      '/kv/{path}': { get: { operationId: 'read', parameters: [{ name: 'path', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: { description: 'ok', content: { 'application/json': { example: { read: true } } } } } } },
      '/kv/{path}/': { get: { operationId: 'list', parameters: [{ name: 'path', in: 'path', required: true, schema: { type: 'string' } }, { name: 'list', in: 'query', required: true, schema: { type: 'string', enum: ['true'] } }], responses: { 200: { description: 'ok', content: { 'application/json': { example: { list: true } } } } } } },
    }));
    expect((await agent.get('/kv/a/?list=true')).body).toEqual({ list: true });
    expect((await agent.get('/kv/a')).body).toEqual({ read: true });
  });
});

describe('request bodies sent as forms', () => {
  const form = {
    type: 'object',
    required: ['name', 'age'],
    properties: { name: { type: 'string', minLength: 1 }, age: { type: 'integer', minimum: 0 }, email: { type: 'string', format: 'email' } },
  };

  test('an urlencoded body is validated field by field: types, formats and required fields', async () => {
    const { agent } = await serve(oas3({ '/people': { post: { requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema: form } } }, responses: ok } } }));
    const send = (body: string) => agent.post('/people').type('form').send(body);
    expect((await send('name=Ann&age=31&email=ann%40example.com')).status).toBe(200);
    const wrongType = await send('name=Ann&age=old');
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.errors).toEqual([{ path: 'body/age', message: 'must be integer' }]);
    expect((await send('name=Ann&age=3&email=nope')).body.errors[0].path).toBe('body/email');
    expect((await send('age=3')).body.errors).toEqual([{ path: 'body/name', message: 'is required' }]);
  });

  test('a multipart body is validated field by field, a file part counting as the field it fills', async () => {
    const schema = { ...form, required: ['name', 'age', 'photo'], properties: { ...form.properties, photo: { type: 'string', format: 'binary' } } };
    const { agent } = await serve(oas3({ '/people': { post: { requestBody: { required: true, content: { 'multipart/form-data': { schema } } }, responses: ok } } }));
    const good = await agent.post('/people').field('name', 'Ann').field('age', '31').attach('photo', Buffer.from('PNG…'), 'me.png');
    expect(good.status).toBe(200);
    const bad = await agent.post('/people').field('name', 'Ann').field('age', '-4');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual(expect.arrayContaining([
      { path: 'body/age', message: 'must be >= 0' },
      { path: 'body/photo', message: 'is required' },
    ]));
    expect(bad.body.errors).toHaveLength(2);
  });

  test('a Swagger 2 formData field with allowEmptyValue: false refuses an empty value', async () => {
    const { agent } = await serve({
      swagger: '2.0', info: { title: 't', version: '1' },
      paths: { '/notes': { post: {
        consumes: ['application/x-www-form-urlencoded'],
        parameters: [
          { name: 'title', in: 'formData', type: 'string', required: true, allowEmptyValue: false },
          { name: 'tag', in: 'formData', type: 'string', allowEmptyValue: true },
        ],
        responses: { 200: { description: 'ok' } },
      } } },
    });
    expect((await agent.post('/notes').type('form').send('title=x&tag=')).status).toBe(200);
    const empty = await agent.post('/notes').type('form').send('title=');
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].path).toBe('body/title');
  });
});

describe('query parameters checked as they are serialized', () => {
  const ints = { type: 'array', items: { type: 'integer' }, maxItems: 3 };

  test('form arrays, exploded (ids=1&ids=2) and not (ids=1,2), have each item checked', async () => {
    const { agent } = await serve(oas3({
      '/a': { get: { parameters: [{ name: 'ids', in: 'query', required: true, schema: ints }], responses: ok } },
      '/b': { get: { parameters: [{ name: 'ids', in: 'query', required: true, explode: false, schema: ints }], responses: ok } },
    }));
    expect((await agent.get('/a?ids=1&ids=2')).status).toBe(200);
    expect((await agent.get('/a?ids=1&ids=x')).status).toBe(400);
    expect((await agent.get('/b?ids=1,2,3')).status).toBe(200);
    expect((await agent.get('/b?ids=1,x')).status).toBe(400);
    expect((await agent.get('/b?ids=1,2,3,4')).status).toBe(400);
  });

  test('pipeDelimited arrays split on "|" and enums are checked item by item', async () => {
    const { agent } = await serve(oas3({
      '/c': { get: { parameters: [{ name: 'colors', in: 'query', required: true, style: 'pipeDelimited', explode: false, schema: { type: 'array', items: { type: 'string', enum: ['red', 'blue'] } } }], responses: ok } },
    }));
    expect((await agent.get('/c?colors=red|blue')).status).toBe(200);
    expect((await agent.get('/c?colors=red|green')).status).toBe(400);
  });

  test('a deepObject parameter is checked key by key (filter[age]=…), and an exploded form object by its own keys', async () => {
    const filter = { type: 'object', required: ['age'], properties: { age: { type: 'integer' }, name: { type: 'string' } } };
    const { agent } = await serve(oas3({
      '/d': { get: { parameters: [{ name: 'filter', in: 'query', required: true, style: 'deepObject', explode: true, schema: filter }], responses: ok } },
      '/e': { get: { parameters: [{ name: 'filter', in: 'query', required: true, schema: filter }], responses: ok } },
    }));
    expect((await agent.get('/d?filter[age]=3&filter[name]=x')).status).toBe(200);
    const bad = await agent.get('/d?filter[age]=old');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('query/filter[age]');
    expect((await agent.get('/d?filter[name]=x')).status).toBe(400);
    expect((await agent.get('/e?age=3')).status).toBe(200);
    expect((await agent.get('/e?age=x')).status).toBe(400);
  });

  test('a query parameter with allowEmptyValue: false refuses ?q=', async () => {
    const { agent } = await serve(oas3({ '/s': { get: { parameters: [{ name: 'q', in: 'query', allowEmptyValue: false, schema: { type: 'string' } }], responses: ok } } }));
    expect((await agent.get('/s?q=x')).status).toBe(200);
    expect((await agent.get('/s?q=')).status).toBe(400);
  });
});

describe('path parameters', () => {
  test('a path parameter\'s pattern and type are checked: a segment that breaks them gets 400 naming the parameter', async () => {
    const { agent, endpoints } = await serve(oas3({
      '/repos/{owner-name}/{id}': { get: { parameters: [
        { name: 'owner-name', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-z]+$' } },
        { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
      ], responses: ok } },
    }));
    expect(endpoints[0].path).toBe('/repos/:owner_name/:id');
    expect((await agent.get('/repos/octo/7')).status).toBe(200);
    const bad = await agent.get('/repos/Octo-1/0');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      { path: 'params/owner_name', message: 'must match pattern "^[a-z]+$"' },
      { path: 'params/id', message: 'must be >= 1' },
    ]);
  });
});

describe('response bodies as documented', () => {
  test('an XML response sends its documented example as XML, under the schema\'s root element', async () => {
    const pet = { type: 'object', xml: { name: 'Pet' }, properties: { id: { type: 'integer' }, name: { type: 'string' } } };
    const { agent } = await serve(oas3({ '/pet': { get: { responses: { 200: { description: 'ok', content: { 'application/xml': { schema: pet, example: { id: 7, name: 'Rex' } } } } } } } }));
    const res = await agent.get('/pet');
    expect(res.headers['content-type']).toMatch(/^application\/xml/);
    expect(res.text).toContain('<Pet>');
    expect(res.text).toContain('<name>Rex</name>');
  });

  test('a Swagger 2 application/xml example is sent as XML text, not as JSON', async () => {
    const { agent } = await serve({
      swagger: '2.0', info: { title: 't', version: '1' }, produces: ['application/xml'],
      paths: { '/order': { get: { responses: { 200: { description: 'ok', examples: { 'application/xml': { id: 1, status: 'placed' } } } } } } },
    });
    const res = await agent.get('/order');
    expect(res.headers['content-type']).toMatch(/^application\/xml/);
    expect(res.text.trim().startsWith('<')).toBe(true);
    expect(res.text).toContain('<status>placed</status>');
  });

  test('an example keyed */* beside a single text/plain produces is sent as text/plain', async () => {
    const { agent } = await serve({
      swagger: '2.0', info: { title: 't', version: '1' },
      paths: { '/ping': { get: { produces: ['text/plain'], responses: { 200: { description: 'ok', schema: { type: 'string' }, examples: { '*/*': 'pong' } } } } } },
    });
    const res = await agent.get('/ping');
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toBe('pong');
  });

  test('a string example that looks like JSON is sent as a JSON string where the schema says string', async () => {
    const { agent } = await serve(oas3({
      '/raw': { get: { responses: { 200: { description: 'ok', content: { 'application/json': { schema: { type: 'string' }, example: '{}' } } } } } },
      '/obj': { get: { responses: { 200: { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { id: { type: 'integer' } } }, example: '{"id": 1}' } } } } } },
    }));
    const raw = await agent.get('/raw');
    expect(raw.text).toBe('"{}"');
    expect(raw.body).toBe('{}');
    // where the schema wants an object, JSON text in a string is what the writer meant
    expect((await agent.get('/obj')).body).toEqual({ id: 1 });
  });

  test('a documented example that contradicts its own schema is replaced by a generated body, and the comment says why', async () => {
    const schema = { type: 'object', required: ['day'], properties: { day: { type: 'string', format: 'date' } } };
    const { agent, text } = await serve(oas3({ '/holiday': { get: { responses: { 200: { description: 'ok', content: { 'application/json': { schema, example: { day: '2021-1-1' } } } } } } } }));
    expect(text).toContain('the documented example does not fit its schema');
    const res = await agent.get('/holiday');
    expect(res.body.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
