/** `mockdock import mockoon`: environments (hand-written and Mockoon's public samples) answer each route's own request as Mockoon would. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { importInto, type Imported } from './support/import-into';

const DIR = path.join(__dirname, '../fixtures/import/mockoon');

/** The body as text whatever its Content-Type (Mockoon serves files and templates under the environment's JSON type). */
function asText(res: unknown, done: (err: Error | null, body: unknown) => void): void {
  const stream = res as NodeJS.ReadableStream;
  let text = '';
  stream.setEncoding('utf8');
  stream.on('data', (c: string) => { text += c; });
  stream.on('end', () => done(null, text));
}

describe('mockdock import mockoon on a hand-written environment', () => {
  let imported: Imported;
  beforeAll(async () => {
    imported = await importInto('mockoon', path.join(DIR, 'shop.json'));
  });
  afterAll(() => imported.cleanup());

  it('exits 0, validates, and names each construct it cannot carry with the route and response', async () => {
    expect(imported.code).toBe(0);
    expect(await imported.validates()).toBe(true);
    const notes = imported.lines.filter((l) => l.includes('cannot carry'));
    expect(notes).toEqual([
      expect.stringMatching(/shop\.json: POST \/orders response 2 \(invalid\): cannot carry rule body items empty_array "": /),
      expect.stringMatching(/shop\.json: GET \/reports\/:year\/:file\.csv: cannot carry the route path: segment ":file\.csv" is matched as any one segment/),
      expect.stringMatching(/shop\.json: GET \/disabled: cannot carry a disabled route/),
      expect.stringMatching(/shop\.json: GET \/list response 1 \(repeat\): cannot carry a response template: \{\{#repeat 2\}\}/),
    ]);
    expect(imported.lines[imported.lines.length - 1]).toMatch(/15 endpoints from 19 stubs written .*; 4 constructs not carried$/);
  });

  it('picks the response whose rules hold (AND, OR, path parameter, cookie), else the default, under the prefix', async () => {
    const { app } = await imported.serve();
    const call = () => request(app.callback());
    expect(JSON.parse((await call().get('/api/v1/users/7?verbose=1').set('X-Role', 'admin')).text)).toEqual({ id: '7', role: 'admin' });
    expect(JSON.parse((await call().get('/api/v1/users/7?verbose=0').set('X-Role', 'admin')).text)).toEqual({ id: '7', name: '' });
    expect(JSON.parse((await call().get('/api/v1/users/1')).text)).toEqual({ id: 1, name: 'First user' });
    expect((await call().get('/api/v1/users/404')).status).toBe(404);
    expect((await call().get('/api/v1/users/9').set('Cookie', 'a=b; session=expired')).status).toBe(404);
    const any = await call().get('/api/v1/users/9?name=Zoe');
    expect(any.status).toBe(200);
    expect(any.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(any.text)).toEqual({ id: '9', name: 'Zoe' });
  });

  it('matches a body rule on a nested path and fills body templates, with the response latency', async () => {
    const { app } = await imported.serve();
    expect(JSON.parse((await request(app.callback()).post('/api/v1/orders').send({ shipping: { speed: 'express' } })).text)).toEqual({ express: true });
    const started = Date.now();
    const created = await request(app.callback()).post('/api/v1/orders').send({ item: 'tea' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(14);
    expect(created.status).toBe(201);
    expect(JSON.parse(created.text)).toMatchObject({ created: 'tea' });
    expect(JSON.parse(created.text).at).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('serves sequential responses in turn and random ones as weighted failures', async () => {
    const { app } = await imported.serve(3);
    const seq = [];
    for (let i = 0; i < 3; i++) seq.push((await request(app.callback()).get('/api/v1/flaky')).status);
    expect(seq).toEqual([503, 200, 503]);
    const seen = new Set<number>();
    for (let i = 0; i < 60; i++) seen.add((await request(app.callback()).get('/api/v1/chaos')).status);
    expect([...seen].sort()).toEqual([200, 500, 502]);
  });

  it('serves file bodies and data-bucket bodies as Mockoon does', async () => {
    const { app } = await imported.serve();
    const logo = await request(app.callback()).get('/api/v1/logo.svg').buffer(true).parse(asText);
    expect(logo.body).toBe(readFileSync(path.join(DIR, 'files/logo.svg'), 'utf8'));
    expect(JSON.parse((await request(app.callback()).get('/api/v1/config')).text)).toEqual({ theme: 'dark', limit: 10 });
    const echo = await request(app.callback()).delete('/api/v1/echo').buffer(true).parse(asText);
    expect(echo.body).toMatch(/^DELETE [A-Za-z]{3}$/);
  });
});

/** Mockoon's own samples: every route answers its own request with Mockoon's status and headers, and its body where it is fixed. */
const SAMPLES = ['generate-mock-data.json', 'rate-limiting-examples.json', 'advanced-data-bucket-manipulation.json', 'nytimescom-archive.json'];

interface SampleRoute { method: string; endpoint: string; type?: string; responses: { statusCode: number; body: string; default?: boolean; rules: unknown[]; headers: { key: string; value: string }[] }[] }

describe.each(SAMPLES)('mockdock import mockoon on the public sample %s', (name) => {
  let imported: Imported;
  const env = JSON.parse(readFileSync(path.join(DIR, 'samples', name), 'utf8')) as { endpointPrefix: string; headers: { key: string; value: string }[]; routes: SampleRoute[] };
  beforeAll(async () => {
    imported = await importInto('mockoon', path.join(DIR, 'samples', name));
  });
  afterAll(() => imported.cleanup());

  it('imports with exit 0 and a folder that validates', async () => {
    expect(imported.code).toBe(0);
    expect(await imported.validates()).toBe(true);
  });

  it('answers each route\'s own request with the default response\'s status and content type', async () => {
    const { app } = await imported.serve();
    for (const route of env.routes) {
      const res = route.responses.find((r) => r.default) ?? route.responses[0];
      const urlPath = `/${[env.endpointPrefix, route.endpoint].filter(Boolean).join('/')}`.replace(/:(\w+)/g, '1');
      const answer = await request(app.callback())[route.method as 'get'](urlPath).send({}).buffer(true).parse(asText);
      expect([route.method, urlPath, answer.status]).toEqual([route.method, urlPath, res.statusCode]);
      const type = [...env.headers, ...res.headers].filter((h) => h.key.toLowerCase() === 'content-type').pop();
      // Mockoon (Express) adds the charset to a text body's type, as the side-by-side test shows.
      if (type) expect(answer.headers['content-type']).toBe(/charset=/i.test(type.value) ? type.value : `${type.value}; charset=utf-8`);
      if (!res.body.includes('{{')) expect(answer.body).toBe(res.body);
      else if (type?.value === 'application/json' && !imported.lines.some((l) => l.includes(`/${route.endpoint} response`))) {
        expect(() => JSON.parse(answer.body as string)).not.toThrow();
      }
    }
  });
});

describe('mockdock import mockoon route order', () => {
  it('follows rootChildren and folders, not the routes list, when the environment has them', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mockoon-order-'));
    const response = (body: string) => ({ uuid: '', body, latency: 0, statusCode: 200, label: '', headers: [], bodyType: 'INLINE', filePath: '', databucketID: '', rules: [], rulesOperator: 'OR', disableTemplating: false, default: true });
    const env = {
      name: 'order', endpointPrefix: '', latency: 0, headers: [], data: [],
      routes: [
        { uuid: 'generic', type: 'http', method: 'get', endpoint: 'items/:id', responses: [response('generic')], responseMode: null },
        { uuid: 'special', type: 'http', method: 'get', endpoint: 'items/special', responses: [response('special')], responseMode: null },
      ],
      folders: [{ uuid: 'f1', name: 'first', children: [{ type: 'route', uuid: 'special' }] }],
      rootChildren: [{ type: 'folder', uuid: 'f1' }, { type: 'route', uuid: 'generic' }],
    };
    writeFileSync(path.join(dir, 'env.json'), JSON.stringify(env));
    const imported = await importInto('mockoon', path.join(dir, 'env.json'));
    try {
      const { app } = await imported.serve();
      expect((await request(app.callback()).get('/items/special')).text).toBe('special');
      expect((await request(app.callback()).get('/items/7')).text).toBe('generic');
    } finally {
      imported.cleanup();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
