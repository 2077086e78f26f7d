import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import supertest from 'supertest';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { buildEndpointSet } from '../../src/registry/build-endpoint-set';
import { resolveOptions } from '../../src/server/options';

const ENDPOINTS = `
- path: /api/users
  response: [{ id: 1 }]
  headers: { X-Total: "1" }
- path: /api/users
  method: POST
  status: 201
  response: { id: 2 }
- path: /api/limited
  rate_limit: { limit: 1, window_s: 60 }
  response: ok
- path: /api/broken
  failure_rate: 1
  failure: { kind: status, status: 503 }
- path: /api/custom
  response: ok
- path: /api/custom
  method: OPTIONS
  status: 200
  headers: { X-Own-Preflight: "yes" }
  response: mine
`;

const dirs: string[] = [];
const apps: TestApp[] = [];

async function appWith(settings: string, opts: { adminToken?: string } = {}): Promise<TestApp> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mockdock-cors-'));
  dirs.push(dir);
  writeFileSync(path.join(dir, 'api.yaml'), ENDPOINTS);
  writeFileSync(path.join(dir, 'mockdock.yaml'), settings);
  const app = await createTestApp({ config: dir, adminToken: opts.adminToken });
  apps.push(app);
  return app;
}

afterAll(async () => {
  for (const app of apps) await app.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const corsHeaders = (headers: Record<string, string>) => Object.keys(headers).filter((h) => h.startsWith('access-control-'));

describe('CORS with every origin (cors: true)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await appWith('cors: true\n');
  });

  it('answers a preflight itself with 204, the default methods, the requested headers echoed and a max age', async () => {
    const res = await supertest(t.app.callback())
      .options('/api/users')
      .set('Origin', 'http://localhost:3000')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type, x-trace');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-methods']).toBe('GET, HEAD, PUT, PATCH, POST, DELETE');
    expect(res.headers['access-control-allow-headers']).toBe('content-type, x-trace');
    expect(res.headers['access-control-max-age']).toBe('60');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('answers a preflight even for a path no endpoint has, and logs it as the CORS preflight', async () => {
    const res = await supertest(t.app.callback()).options('/nowhere').set('Origin', 'http://a.test').set('Access-Control-Request-Method', 'GET');
    expect(res.status).toBe(204);
    const entry = t.log.query({}).find((e) => e.path === '/nowhere');
    expect(entry).toMatchObject({ endpoint: 'CORS preflight', status: 204, cors: 'preflight' });
  });

  it('leaves the preflight to an endpoint that declares OPTIONS for the path, and still adds the CORS headers to its answer', async () => {
    const res = await supertest(t.app.callback()).options('/api/custom').set('Origin', 'http://a.test').set('Access-Control-Request-Method', 'PUT');
    expect(res.status).toBe(200);
    expect(res.text).toBe('mine');
    expect(res.headers['x-own-preflight']).toBe('yes');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-methods']).toBeUndefined();
  });

  it('puts Allow-Origin on answers and exposes the answer\'s own headers', async () => {
    const res = await supertest(t.app.callback()).get('/api/users').set('Origin', 'http://a.test');
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-expose-headers']).toBe('X-Total');
  });

  it('adds nothing to a request without an Origin (not a cross-origin request)', async () => {
    const res = await supertest(t.app.callback()).get('/api/users');
    expect(corsHeaders(res.headers)).toEqual([]);
  });

  it('puts the headers on a 404, a 429 and an injected failure too, so the browser shows them to the page', async () => {
    const call = (p: string) => supertest(t.app.callback()).get(p).set('Origin', 'http://a.test');
    const missing = await call('/api/none');
    expect(missing.status).toBe(404);
    expect(missing.headers['access-control-allow-origin']).toBe('*');
    await call('/api/limited');
    const limited = await call('/api/limited');
    expect(limited.status).toBe(429);
    expect(limited.headers['access-control-allow-origin']).toBe('*');
    expect(limited.headers['access-control-expose-headers']).toMatch(/retry-after/i);
    const broken = await call('/api/broken');
    expect(broken.status).toBe(503);
    expect(broken.headers['access-control-allow-origin']).toBe('*');
  });

  it('gives the admin routes no CORS headers and no preflight answer (cors.admin is off)', async () => {
    const res = await supertest(t.app.callback()).get('/__logs').set('Origin', 'http://a.test');
    expect(res.status).toBe(200);
    expect(corsHeaders(res.headers)).toEqual([]);
    const pre = await supertest(t.app.callback()).options('/__logs').set('Origin', 'http://a.test').set('Access-Control-Request-Method', 'GET');
    expect(corsHeaders(pre.headers)).toEqual([]);
  });

  it('gives the open built-in routes (the OIDC discovery document, health) the CORS headers, so a browser app can sign in', async () => {
    const res = await supertest(t.app.callback()).get('/.well-known/openid-configuration').set('Origin', 'http://a.test');
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const pre = await supertest(t.app.callback()).options('/__auth/token').set('Origin', 'http://a.test').set('Access-Control-Request-Method', 'POST');
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe('*');
  });
});

describe('CORS with listed origins and credentials', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await appWith(
      ['cors:', '  origins: [http://app.test, "https://admin.test:8443"]', '  credentials: true', '  headers: [Content-Type, Authorization]', '  expose_headers: [X-Total]', '  max_age_s: 600', '  methods: [get, post]', '  admin: true'].join('\n'),
      { adminToken: 'secret' },
    );
  });

  it('echoes an allowed origin with Vary: Origin and Allow-Credentials, never "*"', async () => {
    const res = await supertest(t.app.callback()).get('/api/users').set('Origin', 'https://admin.test:8443');
    expect(res.headers['access-control-allow-origin']).toBe('https://admin.test:8443');
    expect(res.headers['access-control-allow-credentials']).toBe('true');
    expect(res.headers.vary).toBe('Origin');
    expect(res.headers['access-control-expose-headers']).toBe('X-Total');
  });

  it('answers a preflight with the configured methods, headers and max age', async () => {
    const res = await supertest(t.app.callback())
      .options('/api/users')
      .set('Origin', 'http://app.test')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'x-other');
    expect(res.status).toBe(204);
    expect(res.headers).toMatchObject({
      'access-control-allow-origin': 'http://app.test',
      'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers': 'Content-Type, Authorization',
      'access-control-allow-credentials': 'true',
      'access-control-max-age': '600',
      vary: 'Origin',
    });
  });

  it('gives a disallowed origin no CORS headers on answers, and a 403 on its preflight', async () => {
    const res = await supertest(t.app.callback()).get('/api/users').set('Origin', 'http://evil.test');
    expect(res.status).toBe(200);
    expect(corsHeaders(res.headers)).toEqual([]);
    expect(res.headers.vary).toBe('Origin');
    const pre = await supertest(t.app.callback()).options('/api/users').set('Origin', 'http://evil.test').set('Access-Control-Request-Method', 'GET');
    expect(pre.status).toBe(403);
    expect(pre.body.error).toMatch(/http:\/\/evil.test is not in cors.origins/);
    expect(corsHeaders(pre.headers)).toEqual([]);
  });

  it('with cors.admin, answers an admin preflight without the token and puts the headers on the 401 and on admin answers', async () => {
    const pre = await supertest(t.app.callback()).options('/__logs').set('Origin', 'http://app.test').set('Access-Control-Request-Method', 'GET').set('Access-Control-Request-Headers', 'authorization');
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe('http://app.test');
    const refused = await supertest(t.app.callback()).get('/__logs').set('Origin', 'http://app.test');
    expect(refused.status).toBe(401);
    expect(refused.headers['access-control-allow-origin']).toBe('http://app.test');
    const ok = await supertest(t.app.callback()).get('/__logs').set('Origin', 'http://app.test').set('Authorization', 'Bearer secret');
    expect(ok.status).toBe(200);
    expect(ok.headers['access-control-allow-origin']).toBe('http://app.test');
    expect(ok.headers['access-control-allow-credentials']).toBe('true');
  });

  it('echoes the origin when every origin is allowed but credentials are on', async () => {
    const t2 = await appWith('cors: { origins: "*", credentials: true }\n');
    const res = await supertest(t2.app.callback()).get('/api/users').set('Origin', 'http://any.test');
    expect(res.headers['access-control-allow-origin']).toBe('http://any.test');
    expect(res.headers['access-control-allow-credentials']).toBe('true');
    expect(res.headers.vary).toBe('Origin');
  });
});

describe('CORS on proxied answers', () => {
  it('puts the headers on answers the fallback proxy forwards, over the upstream\'s own', async () => {
    const upstream = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'access-control-allow-origin': 'http://upstream.test' });
      res.end('from upstream');
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    try {
      const port = (upstream.address() as AddressInfo).port;
      const t = await appWith(`cors: { origins: [http://app.test] }\nproxy: http://127.0.0.1:${port}\n`);
      const res = await supertest(t.app.callback()).get('/elsewhere').set('Origin', 'http://app.test');
      expect(res.text).toBe('from upstream');
      expect(res.headers['access-control-allow-origin']).toBe('http://app.test');
      const pre = await supertest(t.app.callback()).options('/elsewhere').set('Origin', 'http://app.test').set('Access-Control-Request-Method', 'DELETE');
      expect(pre.status).toBe(204);
    } finally {
      await new Promise((resolve) => upstream.close(resolve));
    }
  });
});

describe('CORS settings', () => {
  it('are a config error at their line when an origin is not an origin', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mockdock-cors-'));
    dirs.push(dir);
    writeFileSync(path.join(dir, 'mockdock.yaml'), 'cors:\n  origins: [app.test]\n');
    const built = await buildEndpointSet(dir, { seed: 1 });
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.issues[0]).toMatchObject({ file: 'mockdock.yaml', line: 2 });
    expect(built.issues[0].message).toBe('cors.origins[0] "app.test" is not an origin: write scheme, host and port only, such as "http://localhost:3000"');
  });

  it('are turned on for every origin by --cors or MOCKDOCK_CORS=true', () => {
    const byFlag = resolveOptions({ cors: true }, {});
    const byEnv = resolveOptions({}, { MOCKDOCK_CORS: 'true' });
    const off = resolveOptions({}, { MOCKDOCK_CORS: 'false' });
    expect(byFlag.ok && byFlag.options.settings.cors).toBe(true);
    expect(byEnv.ok && byEnv.options.settings.cors).toBe(true);
    expect(off.ok && off.options.settings.cors).toBeUndefined();
  });
});
