/**
 * The importers against the original tools: WireMock's standalone jar and the Mockoon CLI serve the
 * fixtures on loopback, mockdock serves the import, and each stub's own request must get the same
 * status, content type and body from both. Skips itself, saying why, where a tool cannot run.
 */
import path from 'node:path';
import request from 'supertest';
import { importInto, type Imported } from './support/import-into';
import { type RunningTool, mockoonUnavailable, startMockoon, startWiremock, wiremockUnavailable } from './support/original-tool';

interface Call {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** Compare bodies as JSON values (the original may format them differently). */
  json?: boolean;
}

interface Answer { status: number; type: string | undefined; body: Buffer }

async function fromOriginal(base: string, call: Call): Promise<Answer> {
  const res = await fetch(`${base}${call.path}`, {
    method: call.method,
    headers: { ...(call.body !== undefined ? { 'content-type': 'application/json' } : {}), ...call.headers },
    body: call.body !== undefined ? JSON.stringify(call.body) : undefined,
  });
  return { status: res.status, type: res.headers.get('content-type') ?? undefined, body: Buffer.from(await res.arrayBuffer()) };
}

async function fromMockdock(imported: Imported, app: Parameters<typeof request>[0], call: Call): Promise<Answer> {
  let req = request(app)[call.method.toLowerCase() as 'get'](call.path);
  for (const [k, v] of Object.entries(call.headers ?? {})) req = req.set(k, v);
  if (call.body !== undefined) req = req.send(call.body as object);
  const res = await req.buffer(true).parse((stream, done) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => done(null, Buffer.concat(chunks)));
  });
  void imported;
  return { status: res.status, type: res.headers['content-type'] as string | undefined, body: res.body as Buffer };
}

function comparable(a: Answer, call: Call, originalType: string | undefined): unknown {
  return {
    status: a.status,
    // mockdock always names a type; the original's, where it sends one, must be the same.
    type: originalType === undefined ? undefined : a.type,
    body: call.json ? JSON.parse(a.body.toString('utf8')) : a.body.toString('base64'),
  };
}

async function sideBySide(tool: RunningTool, imported: Imported, calls: Call[]): Promise<void> {
  const { app } = await imported.serve();
  for (const call of calls) {
    const original = await fromOriginal(tool.base, call);
    const ours = await fromMockdock(imported, app.callback(), call);
    expect({ call: `${call.method} ${call.path}`, ...(comparable(ours, call, original.type) as object) }).toEqual({ call: `${call.method} ${call.path}`, ...(comparable(original, call, original.type) as object) });
  }
}

const FIXTURES = path.join(__dirname, '../fixtures/import');

const noWiremock = wiremockUnavailable();
if (noWiremock) console.warn(`Skipping the side-by-side WireMock test: ${noWiremock}.`);
(noWiremock ? describe.skip : describe)('mockdock import wiremock, side by side with WireMock itself', () => {
  let tool: RunningTool;
  let imported: Imported;
  beforeAll(async () => {
    [tool, imported] = await Promise.all([startWiremock(path.join(FIXTURES, 'wiremock')), importInto('wiremock', path.join(FIXTURES, 'wiremock'))]);
  }, 90_000);
  afterAll(async () => {
    await tool?.stop();
    imported?.cleanup();
  });

  it('answers each stub\'s own request with WireMock\'s status, content type and body', async () => {
    await sideBySide(tool, imported, [
      { method: 'GET', path: '/api/users/7', json: true },
      { method: 'GET', path: '/api/users/42', json: true },
      { method: 'GET', path: '/api/users?q=ann&page=2', headers: { accept: 'application/json' } },
      { method: 'POST', path: '/api/users', body: { plan: 'premium', name: 'Bo' }, json: true },
      { method: 'POST', path: '/api/users', body: { plan: 'free' }, json: true },
      { method: 'GET', path: '/api/orders/12/invoice' },
      { method: 'GET', path: '/api/orders?status=open', json: true },
      { method: 'GET', path: '/logo.png' },
      { method: 'GET', path: '/health' },
      { method: 'POST', path: '/api/cart', json: true },
    ]);
  }, 60_000);
});

const noMockoon = mockoonUnavailable();
if (noMockoon) console.warn(`Skipping the side-by-side Mockoon test: ${noMockoon}.`);
(noMockoon ? describe.skip : describe)('mockdock import mockoon, side by side with the Mockoon CLI', () => {
  let tool: RunningTool;
  let imported: Imported;
  const file = path.join(FIXTURES, 'mockoon/shop.json');
  beforeAll(async () => {
    [tool, imported] = await Promise.all([startMockoon(file), importInto('mockoon', file)]);
  }, 90_000);
  afterAll(async () => {
    await tool?.stop();
    imported?.cleanup();
  });

  it('answers each route\'s own requests with Mockoon\'s status, content type and body', async () => {
    await sideBySide(tool, imported, [
      { method: 'GET', path: '/api/v1/users/7?verbose=1', headers: { 'x-role': 'admin' } },
      { method: 'GET', path: '/api/v1/users/7?verbose=0', headers: { 'x-role': 'admin' } },
      { method: 'GET', path: '/api/v1/users/1' },
      { method: 'GET', path: '/api/v1/users/404' },
      { method: 'GET', path: '/api/v1/users/9', headers: { cookie: 'a=b; session=expired' } },
      { method: 'GET', path: '/api/v1/users/9?name=Zoe' },
      { method: 'POST', path: '/api/v1/orders', body: { shipping: { speed: 'express' } } },
      { method: 'GET', path: '/api/v1/flaky' },
      { method: 'GET', path: '/api/v1/flaky' },
      { method: 'GET', path: '/api/v1/flaky' },
      { method: 'GET', path: '/api/v1/logo.svg' },
      { method: 'GET', path: '/api/v1/config' },
      { method: 'GET', path: '/api/v1/reports/2026/summary.csv' },
    ]);
  }, 60_000);
});
