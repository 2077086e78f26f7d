import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import request from 'supertest';
import { createTestApp, type TestApp } from '../helpers/test-app';

const fixture = path.join(__dirname, '../fixtures/server-basic');

/**
 * app.callback() sends a mocked request without a body straight to the core and everything else through
 * Koa: a user must not be able to tell the two ways apart.
 */
describe('requests without a body skip Koa and get the same answer', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({ config: fixture });
  });

  it('answers and logs a request the same whether or not it goes through Koa', async () => {
    const url = '/api/users/42?q=a+b%21&tag=x&tag=y&__proto__=z';
    const direct = await request(t.app.callback()).get(url);
    // a zero content-length makes the request one "with a body", so it takes the Koa way
    const viaKoa = await request(t.app.callback()).get(url).set('content-length', '0');
    expect(direct.status).toBe(200);
    expect(direct.body).toEqual({ id: '42', name: 'Ada', q: 'a b!' });
    expect(viaKoa.status).toBe(200);
    expect(viaKoa.text).toBe(direct.text);
    expect(viaKoa.headers['content-type']).toBe(direct.headers['content-type']);

    const [second, first] = t.log.query();
    const strip = (e: Record<string, unknown>) => ({ ...e, id: 0, time: '', duration_ms: 0, headers: {} });
    expect(strip(second as never)).toEqual(strip(first as never));
    expect(first.body).toBeNull();
    expect(first.query.tag).toEqual(['x', 'y']);
    expect(JSON.stringify(first.query)).toBe('{"q":"a b!","tag":["x","y"],"__proto__":"z"}');
    expect(Object.getPrototypeOf(first.query)).toBe(Object.prototype);
  });

  it('still routes built-in paths without a body to the admin routes', async () => {
    const app = t.app.callback();
    expect((await request(app).get('/__health')).status).toBe(200);
    expect((await request(app).get('/metrics')).text).toMatch(/^# HELP mockdock_/m);
    const unknown = await request(app).get('/__nope');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe('no built-in route GET /__nope');
  });

  it('answers 500 with a JSON error on either way when the core fails, and keeps serving', async () => {
    const set = t.registry.current as unknown as { matcher: { match: unknown } };
    const original = set.matcher.match;
    set.matcher.match = () => {
      throw new Error('boom');
    };
    const app = t.app.callback();
    const direct = await request(app).get('/api/users/1');
    const viaKoa = await request(app).post('/api/users').send({ name: 'x' });
    for (const res of [direct, viaKoa]) {
      expect(res.status).toBe(500);
      expect(res.body).toEqual({ error: 'internal error in mockdock; the log has the details' });
    }
    set.matcher.match = original;
    expect((await request(app).get('/api/users/1')).status).toBe(200);
  });

  it('serves an absolute-form request target through Koa', async () => {
    const server = http.createServer(t.app.callback());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const answer = await new Promise<{ status?: number; body: string }>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port, path: `http://127.0.0.1:${port}/api/users/5`, agent: false }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode, body }));
        });
        req.setTimeout(5000, () => req.destroy(new Error('no answer within 5 s')));
        req.on('error', reject);
        req.end();
      });
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toMatchObject({ id: '5' });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
