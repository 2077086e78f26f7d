import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { createTestApp } from '../helpers/test-app';

function folder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mockdock-one-path-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

const config = folder({
  'api.yaml': `
- path: /users
  method: POST
  validate: { body: { type: object, required: [name], properties: { name: { type: string } } } }
  status: 201
  response: { created: "{{body.name}}" }
- path: /steps
  sequence: [{ status: 201 }, { status: 202 }]
`,
});

describe('one request path and one media-type rule', () => {
  it('parses a text/json body as JSON, so validation and templates see it', async () => {
    const t = await createTestApp({ config });
    const res = await request(t.app.callback()).post('/users').set('content-type', 'text/json').send('{"name":"Ann"}');
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ created: 'Ann' });
  });

  it('logs the answer beside the request, and tells live subscribers', async () => {
    const t = await createTestApp({ config });
    const seen: unknown[] = [];
    t.log.on('entry', (e) => seen.push(e));
    await request(t.app.callback()).post('/users').send({ name: 'Bo' });
    const [entry] = t.log.query({ limit: 1 });
    expect(entry.response).toMatchObject({ status: 201, body: { created: 'Bo' } });
    expect(entry.response?.headers['content-type']).toMatch(/json/);
    expect(seen).toEqual([entry]);
  });

  it('resets one session without touching another', async () => {
    const t = await createTestApp({ config });
    const call = (session: string) => request(t.app.callback()).get('/steps').set('x-mockdock-session', session);
    expect((await call('a')).status).toBe(201);
    expect((await call('b')).status).toBe(201);
    await request(t.app.callback()).post('/__reset?session=a').expect(200);
    expect((await call('a')).status).toBe(201);
    expect((await call('b')).status).toBe(202);
    const entries = t.log.query({ limit: 1 });
    expect(entries[0].session).toBe('b');
  });

  it('answers a body over the limit with a clean 413 that a Node client still sending it receives', async () => {
    const t = await createTestApp({ config, bodyLimit: '1mb' });
    const server = http.createServer(t.app.callback());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const body = Buffer.alloc(2 * 1024 * 1024, 'a');
    try {
      for (let i = 0; i < 5; i++) {
        const answer = await new Promise<{ status?: number; text: string }>((resolve, reject) => {
          const req = http.request({ host: '127.0.0.1', port, path: '/users', method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': body.length } }, (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (c: string) => (text += c));
            res.on('end', () => resolve({ status: res.statusCode, text }));
          });
          req.setTimeout(10_000, () => req.destroy(new Error('no answer within 10 s')));
          req.on('error', reject);
          req.end(body);
        });
        expect(answer.status).toBe(413);
        expect(JSON.parse(answer.text).error).toMatch(/larger than the limit of 1mb/);
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
