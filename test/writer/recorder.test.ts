/** The recording layout: exchanges written by the one writer are valid config and replay what was seen. */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { Recorder } from '../../src/writer/recorder';
import type { RecordedExchange } from '../../src/writer/exchange';
import { buildEndpointSet } from '../../src/registry/build-endpoint-set';
import { createTestApp } from '../helpers/test-app';

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'mockdock-rec-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const json = (url: string, value: unknown, extra: Partial<RecordedExchange> = {}): RecordedExchange => ({
  method: 'GET',
  url,
  status: 200,
  responseHeaders: { 'content-type': 'application/json', date: 'Sat, 05 Dec 2026 00:00:00 GMT', 'content-length': '99', connection: 'keep-alive' },
  responseBody: JSON.stringify(value),
  ...extra,
});

function filesUnder(dir: string, rel = ''): string[] {
  return readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(dir, path.posix.join(rel, e.name)) : [path.posix.join(rel, e.name)],
  ).sort();
}

async function recordAll(exchanges: RecordedExchange[], opts: Partial<ConstructorParameters<typeof Recorder>[0]> = {}): Promise<Recorder> {
  const rec = new Recorder({ root, ...opts });
  for (const ex of exchanges) await rec.add(ex);
  const written = await rec.flush();
  expect(written).toMatchObject({ ok: true });
  return rec;
}

describe('the recorder', () => {
  it('writes one file per upstream host and port and first path segment, and the folder validates', async () => {
    await recordAll([
      json('http://127.0.0.1:4001/users/1', { id: 1 }),
      json('http://127.0.0.1:4001/users/2', { id: 2 }),
      json('http://127.0.0.1:4001/orders', []),
      json('http://api.example:80/', { root: true }),
    ]);
    expect(filesUnder(root)).toEqual(['recorded/127.0.0.1_4001/orders.yaml', 'recorded/127.0.0.1_4001/users.yaml', 'recorded/api.example_80/_root.yaml']);
    const built = await buildEndpointSet(root, { seed: 0 });
    expect(built.ok).toBe(true);
  });

  it('replays JSON as equal JSON, text byte for byte, and binary and large bodies from files under __files/recorded', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0x10]);
    const big = 'x'.repeat(70 * 1024);
    const text = 'line one\r\n  {{not a template}}\n\ttrailing spaces   \n\n';
    await recordAll([
      json('http://h:1/api/user', { name: 'Ann', tags: ['a', 'b'], nested: { n: 1.5, nil: null } }),
      { method: 'GET', url: 'http://h:1/api/readme', status: 200, responseHeaders: { 'content-type': 'text/plain; charset=utf-8', 'x-trace': 'abc' }, responseBody: text },
      { method: 'GET', url: 'http://h:1/api/logo', status: 200, responseHeaders: { 'content-type': 'image/png' }, responseBody: png },
      { method: 'GET', url: 'http://h:1/api/big', status: 200, responseHeaders: { 'content-type': 'text/plain' }, responseBody: big },
      { method: 'DELETE', url: 'http://h:1/api/user', status: 204, responseHeaders: {} },
    ]);
    expect(filesUnder(root).filter((f) => f.startsWith('__files/recorded/h_1/'))).toHaveLength(2);
    const { app } = await createTestApp({ config: root });
    const user = await request(app.callback()).get('/api/user');
    expect(user.status).toBe(200);
    expect(user.body).toEqual({ name: 'Ann', tags: ['a', 'b'], nested: { n: 1.5, nil: null } });
    expect(user.headers.date).not.toBe('Sat, 05 Dec 2026 00:00:00 GMT');
    const readme = await request(app.callback()).get('/api/readme').buffer(true);
    expect(readme.text).toBe(text);
    expect(readme.headers['x-trace']).toBe('abc');
    const logo = await request(app.callback()).get('/api/logo').buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(Buffer.compare(logo.body as Buffer, png)).toBe(0);
    expect(logo.headers['content-type']).toBe('image/png');
    const large = await request(app.callback()).get('/api/big').buffer(true);
    expect(large.text).toBe(big);
    expect((await request(app.callback()).delete('/api/user')).status).toBe(204);
  });

  it('turns differing answers to one request into a sequence that stays on the last answer', async () => {
    await recordAll([
      json('http://h:1/flaky', { error: 'busy' }, { status: 503 }),
      json('http://h:1/flaky', { error: 'busy' }, { status: 503 }),
      json('http://h:1/flaky', { ok: true }),
    ]);
    const { app } = await createTestApp({ config: root });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await request(app.callback()).get('/flaky')).status);
    expect(statuses).toEqual([503, 200, 200, 200]);
  });

  it('answers each distinct query and JSON body with its own recorded answer, the more specific first', async () => {
    await recordAll([
      json('http://h:1/search', { all: true }),
      json('http://h:1/search?q=a', { q: 'a' }),
      json('http://h:1/search?q=a&page=2', { q: 'a', page: 2 }),
      json('http://h:1/search', { created: 'x' }, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"kind":"x"}' }),
      json('http://h:1/search', { created: 'y' }, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"kind":"y"}' }),
    ]);
    const { app } = await createTestApp({ config: root });
    expect((await request(app.callback()).get('/search')).body).toEqual({ all: true });
    expect((await request(app.callback()).get('/search?q=a')).body).toEqual({ q: 'a' });
    expect((await request(app.callback()).get('/search?page=2&q=a')).body).toEqual({ q: 'a', page: 2 });
    expect((await request(app.callback()).post('/search').send({ kind: 'y' })).body).toEqual({ created: 'y' });
    expect((await request(app.callback()).post('/search').send({ kind: 'x' })).body).toEqual({ created: 'x' });
  });

  it('recording the same traffic again, in a new run, changes nothing on disk', async () => {
    const traffic = [json('http://h:1/a/1', { one: 1 }), json('http://h:1/a/2?x=1', { two: 2 }), { method: 'GET', url: 'http://h:1/a/bin', status: 200, responseHeaders: { 'content-type': 'application/octet-stream' }, responseBody: Buffer.from([0, 1, 2]) }];
    await recordAll(traffic);
    const before = filesUnder(root).map((f) => [f, readFileSync(path.join(root, f), 'utf8')]);
    const again = new Recorder({ root });
    for (const ex of traffic) expect((await again.add(ex)).recorded).toBe(false);
    await again.add(json('http://h:1/a/1', { changed: true }));
    expect(await again.flush()).toEqual({ ok: true, written: [] });
    expect(filesUnder(root).map((f) => [f, readFileSync(path.join(root, f), 'utf8')])).toEqual(before);
  });

  it('never writes secret headers, and replaces redacted fields in answers and leaves them out of body conditions', async () => {
    await recordAll(
      [
        json('http://h:1/login', { token: 'abc123', user: { name: 'Ann', password: 'hunter2' } }, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer s3cret' },
          body: JSON.stringify({ user: 'ann', password: 'hunter2' }),
          responseHeaders: { 'content-type': 'application/json', 'set-cookie': 'sid=topsecret', 'x-api-key': 'k', 'x-internal': 'hidden', 'x-kept': 'yes' },
        }),
      ],
      { headers: ['X-Internal'], fields: ['password', 'token'] },
    );
    const text = filesUnder(root).map((f) => readFileSync(path.join(root, f), 'utf8')).join('\n');
    for (const secret of ['s3cret', 'topsecret', 'hunter2', 'abc123', 'hidden', 'x-api-key']) expect(text).not.toContain(secret);
    const { app } = await createTestApp({ config: root });
    const res = await request(app.callback()).post('/login').send({ user: 'ann', password: 'anything' });
    expect(res.body).toEqual({ token: 'REDACTED', user: { name: 'Ann', password: 'REDACTED' } });
    expect(res.headers['x-kept']).toBe('yes');
  });

  it('keeps a path segment that looks like a parameter or a wildcard literal', async () => {
    await recordAll([json('http://h:1/v1/items:batchGet', { batch: true }), json('http://h:1/files/*', { star: true })]);
    const { app } = await createTestApp({ config: root });
    expect((await request(app.callback()).get('/v1/items:batchGet')).body).toEqual({ batch: true });
    expect((await request(app.callback()).get('/v1/other')).status).toBe(404);
    expect((await request(app.callback()).get('/files/*')).body).toEqual({ star: true });
    expect((await request(app.callback()).get('/files/readme')).status).toBe(404);
  });

  it('writes each exchange at once through record(), one file write at a time', async () => {
    const rec = new Recorder({ root });
    const outcomes = await Promise.all([rec.record(json('http://h:1/x/1', { n: 1 })), rec.record(json('http://h:1/x/2', { n: 2 })), rec.record(json('http://h:1/x/1', { n: 1 }))]);
    expect(outcomes.map((o) => o.recorded)).toEqual([true, true, false]);
    const { app } = await createTestApp({ config: root });
    expect((await request(app.callback()).get('/x/2')).body).toEqual({ n: 2 });
  });

  it('drops an exchange whose file would not validate, and keeps recording the ones after it', async () => {
    const rec = new Recorder({ root });
    const bad = await rec.record(json('http://h:1/odd', { n: 0 }, { status: 600 }));
    expect(bad.recorded).toBe(false);
    expect(bad.write).toMatchObject({ ok: false, issues: [expect.objectContaining({ file: 'recorded/h_1/odd.yaml' })] });
    expect((await rec.record(json('http://h:1/odd', { n: 1 }))).recorded).toBe(true);
    const { app } = await createTestApp({ config: root });
    expect((await request(app.callback()).get('/odd')).body).toEqual({ n: 1 });
  });
});
