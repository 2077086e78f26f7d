/** `mockdock import wiremock`: a WireMock root becomes endpoints that answer each stub's own request as WireMock would. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { importInto, type Imported } from './support/import-into';

const FIXTURE = path.join(__dirname, '../fixtures/import/wiremock');
let imported: Imported;
beforeAll(async () => {
  imported = await importInto('wiremock', FIXTURE);
});
afterAll(() => imported.cleanup());

describe('mockdock import wiremock', () => {
  it('exits 0, writes config that validates, and ends with a summary line', async () => {
    expect(imported.code).toBe(0);
    expect(await imported.validates()).toBe(true);
    expect(imported.lines[imported.lines.length - 1]).toMatch(/14 endpoints from 14 stubs written .*; 2 constructs not carried$/);
  });

  it('prints one line per construct it cannot carry, naming the source file and the stub', () => {
    const notes = imported.lines.filter((l) => l.includes('cannot carry'));
    expect(notes).toEqual(expect.arrayContaining([
      expect.stringMatching(/orders\/orders\.json: xml order: cannot carry bodyPatterns\.equalToXml: /),
      expect.stringMatching(/orders\/orders\.json: order invoice \(file\): cannot carry a path regex segment: \[0-9\]\+ is matched as any one segment/),
    ]));
  });

  it('answers a path template with the template filled from the request', async () => {
    const { app } = await imported.serve();
    const res = await request(app.callback()).get('/api/users/7');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: '7', name: 'Ann' });
  });

  it('keeps WireMock precedence: priority 1 beats the default priority', async () => {
    const { app } = await imported.serve();
    expect((await request(app.callback()).get('/api/users/42')).body).toEqual({ id: 42, name: 'The Answer' });
  });

  it('keeps WireMock precedence: among equal priorities the newest stub wins', async () => {
    const { app } = await imported.serve();
    const res = await request(app.callback()).get('/health');
    expect(res.status).toBe(200);
    expect(res.text).toBe('up {{not a template here}}');
  });

  it('matches query parameters and headers, and translates response templates', async () => {
    const { app } = await imported.serve();
    const res = await request(app.callback()).get('/api/users?q=ann&page=2').set('Accept', 'application/json');
    expect(res.status).toBe(200);
    expect(res.headers['x-query']).toBe('ann');
    expect(JSON.parse(res.text)).toEqual({ results: [{ name: 'ann' }], page: 2 });
    expect((await request(app.callback()).get('/api/users?q=ann&page=x').set('Accept', 'application/json')).status).toBe(404);
    expect((await request(app.callback()).get('/api/users?q=ann&page=2').set('Accept', 'text/html')).status).toBe(404);
  });

  it('matches JSON bodies with ignoreExtraElements, and falls through to the stub without a body pattern', async () => {
    const { app } = await imported.serve();
    const premium = await request(app.callback()).post('/api/users').send({ plan: 'premium', name: 'Bo' });
    expect(premium.status).toBe(201);
    expect(premium.headers.location).toBe('/api/users/7');
    expect(premium.body).toEqual({ id: 7, plan: 'premium' });
    expect((await request(app.callback()).post('/api/users').send({ plan: 'free' })).body).toEqual({ id: 8 });
  });

  it('serves body files from __files and base64 bodies byte for byte, with the delay WireMock adds', async () => {
    const { app } = await imported.serve();
    const started = Date.now();
    const invoice = await request(app.callback()).get('/api/orders/12/invoice');
    expect(Date.now() - started).toBeGreaterThanOrEqual(19);
    expect(invoice.text).toBe('INVOICE 2026-001\nTotal: 42.00 EUR\n');
    const logo = await request(app.callback()).get('/logo.png').buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect((logo.body as Buffer).toString('base64')).toBe('iVBORw0KGgoAAAANSUhEUg==');
    expect(logo.headers['content-type']).toBe('image/png');
  });

  it('writes delay distributions and faults as mockdock latency and failures', () => {
    const text = imported.read('wiremock.yaml');
    expect(text).toMatch(/latency_ms:\s*\n\s*distribution: lognormal\s*\n\s*median: 30\s*\n\s*sigma: 0.1/);
    expect(text).toMatch(/failure_rate: 1\s*\n\s*failure:\s*\n\s*kind: reset/);
  });

  it('imports one mapping file on its own, with body files from the __files folder beside mappings/', async () => {
    const one = await importInto('wiremock', path.join(FIXTURE, 'mappings/orders/orders.json'));
    try {
      expect(one.code).toBe(0);
      expect(await one.validates()).toBe(true);
      expect(one.lines[one.lines.length - 1]).toMatch(/9 endpoints from 9 stubs written/);
    } finally {
      one.cleanup();
    }
  });

  it('reports a mapping file that does not parse and imports the rest', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mockdock-wm-broken-'));
    mkdirSync(path.join(dir, 'mappings'));
    writeFileSync(path.join(dir, 'mappings/a.json'), JSON.stringify({ request: { url: '/ok' }, response: { body: 'fine' } }));
    writeFileSync(path.join(dir, 'mappings/b.json'), '{ not json');
    const broken = await importInto('wiremock', dir);
    try {
      expect(broken.code).toBe(0);
      expect(broken.lines).toContainEqual(expect.stringMatching(/^mockdock import wiremock: mappings\/b\.json: \(file\): cannot carry the file: .*JSON/));
      expect(broken.lines[broken.lines.length - 1]).toMatch(/1 endpoint from 1 stub written/);
    } finally {
      broken.cleanup();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
