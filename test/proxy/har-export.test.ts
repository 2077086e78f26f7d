import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import draft6 from 'ajv/dist/refs/json-schema-draft-06.json';
import { request } from 'undici';
import { readHar } from '../../src/import/har';
import { configFolder, serve, startUpstream, type Served, type Upstream } from './support';

// har-schema ships no types: its export is one JSON Schema per HAR object
// eslint-disable-next-line @typescript-eslint/no-require-imports
const harSchemas = require('har-schema') as Record<string, { $id: string }>;

/** The published HAR 1.2 JSON Schemas (har-schema), compiled with ajv. */
function harValidator() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addMetaSchema(draft6);
  for (const schema of Object.values(harSchemas)) ajv.addSchema(schema);
  return ajv.getSchema('har.json#')!;
}

describe('GET /__logs?format=har', () => {
  let upstream: Upstream;
  let folder: ReturnType<typeof configFolder>;
  let mock: Served;

  beforeAll(async () => {
    upstream = await startUpstream((req, res) => {
      res.writeHead(200, { 'content-type': 'image/png', 'x-up': '1' });
      res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]));
    });
    folder = configFolder({
      'api.yaml': [
        '- path: /api/users/:id\n  response: { id: "{{params.id}}" }\n  headers: { X-Mock: "yes" }',
        '- path: /api/users\n  method: POST\n  status: 201\n  response: { created: true }',
        `- path: /img/*\n  proxy: ${upstream.url}`,
        '- path: /broken\n  failure_rate: 1\n  failure: { kind: reset }',
      ].join('\n'),
    });
    mock = await serve({ config: folder.dir });
    const base = mock.url;
    await (await request(`${base}/api/users/7?tag=a&tag=b`)).body.dump();
    await (await request(`${base}/api/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"Ada"}' })).body.dump();
    await (await request(`${base}/img/dot.png`)).body.dump();
    await request(`${base}/broken`).catch(() => undefined);
    await (await request(`${base}/nowhere`)).body.dump();
  });

  afterAll(async () => {
    await mock.stop();
    await upstream.close();
    folder.cleanup();
  });

  it('is HAR 1.2 that the published HAR schema accepts, oldest request first', async () => {
    const res = await request(`${mock.url}/__logs?format=har`);
    const har = (await res.body.json()) as { log: { version: string; creator: { name: string }; entries: Array<{ request: { method: string; url: string } }> } };
    const validate = harValidator();
    expect(validate(har) ? [] : validate.errors).toEqual([]);
    expect(har.log.version).toBe('1.2');
    expect(har.log.creator.name).toBe('mockdock');
    expect(har.log.entries.map((e) => `${e.request.method} ${new URL(e.request.url).pathname}`)).toEqual([
      'GET /api/users/7',
      'POST /api/users',
      'GET /img/dot.png',
      'GET /broken',
      'GET /nowhere',
    ]);
  });

  it('carries query lists, request bodies, answers and mockdock\'s own fields', async () => {
    const har = (await (await request(`${mock.url}/__logs?format=har`)).body.json()) as { log: { entries: Array<Record<string, any>> } };
    const [get, post, img, broken, missing] = har.log.entries;
    expect(get.request.queryString).toEqual([{ name: 'tag', value: 'a' }, { name: 'tag', value: 'b' }]);
    expect(get.response.content).toMatchObject({ mimeType: expect.stringMatching(/^application\/json/), text: '{"id":"7"}' });
    expect(get.response.headers).toContainEqual({ name: 'X-Mock', value: 'yes' });
    expect(get._endpoint).toBe('GET /api/users/:id');
    expect(post.request.postData).toEqual({ mimeType: 'application/json', text: '{"name":"Ada"}' });
    expect(post.response.status).toBe(201);
    expect(img._proxied_to).toBe(`${upstream.url}/img/dot.png`);
    expect(img.response.headers).toContainEqual({ name: 'x-up', value: '1' });
    expect(broken.response).toMatchObject({ status: 0, statusText: 'reset' });
    expect(broken._failure).toBe('reset');
    expect(missing.response.status).toBe(404);
  });

  it('takes the filters of /__logs and refuses an unknown format', async () => {
    const har = (await (await request(`${mock.url}/__logs?format=har&method=POST`)).body.json()) as { log: { entries: unknown[] } };
    expect(har.log.entries).toHaveLength(1);
    const bad = await request(`${mock.url}/__logs?format=xml`);
    expect(bad.statusCode).toBe(400);
    await bad.body.dump();
  });

  it('reads back through mockdock import har', async () => {
    const file = path.join(folder.dir, '..', `${path.basename(folder.dir)}.har`);
    writeFileSync(file, await (await request(`${mock.url}/__logs?format=har`)).body.text());
    const read = readHar(file);
    expect(read.exchanges.map((x) => `${x.method} ${x.status}`)).toEqual(['GET 200', 'POST 201', 'GET 404']);
    expect(read.skipped).toHaveLength(2); // the streamed image has no body in the log; the reset got no answer
  });
});
