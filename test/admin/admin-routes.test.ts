import request from 'supertest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestApp } from '../helpers/test-app';

const fixture = path.join(__dirname, '../fixtures/server-basic');

function copyFixture(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mockdock-admin-'));
  fs.cpSync(fixture, dir, { recursive: true });
  return dir;
}

describe('built-in routes', () => {
  it('reports health with the endpoint count', async () => {
    const t = await createTestApp({ config: fixture });
    const res = await request(t.app.callback()).get('/__health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', endpoints: 6 });
  });

  it('lists the endpoints in force with their source file and line', async () => {
    const t = await createTestApp({ config: fixture });
    const res = await request(t.app.callback()).get('/__endpoints');
    expect(res.body).toHaveLength(6);
    expect(res.body[2]).toMatchObject({ name: 'open-orders', path: '/api/orders', method: 'GET', source: 'file', file: 'api.yaml' });
    expect(res.body[2].line).toBeGreaterThan(1);
  });

  describe('/__logs', () => {
    it('records requests newest first, matched or not, and not its own routes', async () => {
      const t = await createTestApp({ config: fixture });
      const agent = request(t.app.callback());
      await agent.get('/api/users/1?q=a').set('x-request-id', 'r1');
      await agent.post('/api/users').send({ name: 'Lin' });
      await agent.get('/nowhere');
      await agent.get('/__health');
      await agent.get('/metrics');
      const res = await agent.get('/__logs');
      expect(res.body.map((e: { path: string }) => e.path)).toEqual(['/nowhere', '/api/users', '/api/users/1']);
      const [unmatched, post, get] = res.body;
      expect(unmatched).toMatchObject({ method: 'GET', endpoint: null, status: 404 });
      expect(post).toMatchObject({ method: 'POST', endpoint: 'POST /api/users', status: 201, body: { name: 'Lin' } });
      expect(get).toMatchObject({ query: { q: 'a' }, endpoint: 'GET /api/users/:id', status: 200, failure: null });
      expect(get.headers['x-request-id']).toBe('r1');
      expect(typeof get.duration_ms).toBe('number');
      expect(typeof get.id).toBe('number');
      expect(new Date(get.time).toString()).not.toBe('Invalid Date');
    });

    it('filters by method, path prefix, status, endpoint and limit', async () => {
      const t = await createTestApp({ config: fixture });
      const agent = request(t.app.callback());
      await agent.get('/api/users/1');
      await agent.get('/api/users/2');
      await agent.post('/api/users').send({ name: 'x' });
      await agent.get('/api/flaky');
      expect((await agent.get('/__logs?method=post')).body).toHaveLength(1);
      expect((await agent.get('/__logs?path=/api/users/*')).body).toHaveLength(2);
      expect((await agent.get('/__logs?path=/api/users')).body).toHaveLength(1);
      expect((await agent.get('/__logs?status=503')).body[0].path).toBe('/api/flaky');
      expect((await agent.get('/__logs?endpoint=GET%20/api/users/:id&limit=1')).body).toEqual([
        expect.objectContaining({ path: '/api/users/2' }),
      ]);
      expect((await agent.get('/__logs?limit=abc')).status).toBe(400);
    });

    it('shows JSON, form and text bodies as they were parsed', async () => {
      const t = await createTestApp({ config: fixture });
      const agent = request(t.app.callback());
      await agent.post('/api/users').send({ name: 'Json', tags: [1, 2] });
      await agent.post('/api/users').type('form').send('name=Form&x=1');
      await agent.post('/api/users').set('content-type', 'text/plain').send('just text');
      const [text, form, json] = (await agent.get('/__logs')).body;
      expect(json.body).toEqual({ name: 'Json', tags: [1, 2] });
      expect(form.body).toEqual({ name: 'Form', x: '1' });
      expect(text.body).toBe('just text');
    });

    it('is cleared by DELETE', async () => {
      const t = await createTestApp({ config: fixture });
      const agent = request(t.app.callback());
      await agent.get('/api/users/1');
      expect((await agent.delete('/__logs')).status).toBe(204);
      expect((await agent.get('/__logs')).body).toEqual([]);
    });

    it('keeps only the last --log-limit requests', async () => {
      const t = await createTestApp({ config: fixture, logLimit: 3 });
      const agent = request(t.app.callback());
      for (let i = 1; i <= 5; i++) await agent.get(`/api/users/${i}`);
      const res = await agent.get('/__logs');
      expect(res.body.map((e: { path: string }) => e.path)).toEqual(['/api/users/5', '/api/users/4', '/api/users/3']);
    });

    it('cuts logged bodies at 64 KiB', async () => {
      const t = await createTestApp({ config: fixture, bodyLimit: '1mb' });
      const agent = request(t.app.callback());
      await agent.post('/api/users').set('content-type', 'text/plain').send('y'.repeat(100 * 1024));
      const [entry] = (await agent.get('/__logs')).body;
      expect(entry.body.length).toBeLessThan(66 * 1024);
      expect(entry.body).toMatch(/truncated 36864 bytes\]$/);
    });

    it('shows injected failures and rate limiting', async () => {
      const t = await createTestApp({ config: fixture });
      const agent = request(t.app.callback());
      await agent.get('/api/flaky');
      for (let i = 0; i < 3; i++) await agent.get('/api/limited');
      const logs = (await agent.get('/__logs')).body;
      expect(logs[0]).toMatchObject({ endpoint: 'limited', status: 429, failure: 'rate_limit' });
      expect(logs[3]).toMatchObject({ path: '/api/flaky', status: 503, failure: 'status' });
    });
  });

  describe('/metrics', () => {
    it('counts requests by method, endpoint name and status, never by raw path', async () => {
      const t = await createTestApp({ config: fixture });
      const agent = request(t.app.callback());
      await agent.get('/api/users/1');
      await agent.get('/api/users/2');
      await agent.get('/api/flaky');
      await agent.get('/not/a/route/123');
      const res = await agent.get('/metrics');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      const text = res.text;
      expect(text).toContain('mockdock_requests_total{method="GET",endpoint="GET /api/users/:id",status="200"} 2');
      expect(text).toContain('mockdock_requests_total{method="GET",endpoint="GET /api/flaky",status="503"} 1');
      expect(text).toContain('mockdock_failures_injected_total{endpoint="GET /api/flaky",kind="status"} 1');
      expect(text).toContain('mockdock_unmatched_requests_total{method="GET"} 1');
      expect(text).toContain('mockdock_endpoints 6');
      expect(text).toMatch(/mockdock_request_duration_seconds_bucket\{le="0.005",method="GET",endpoint="GET \/api\/users\/:id"\} \d/);
      expect(text).not.toContain('/not/a/route');
    });

    it('counts rate-limited requests and config reloads', async () => {
      const dir = copyFixture();
      const t = await createTestApp({ config: dir });
      const agent = request(t.app.callback());
      for (let i = 0; i < 3; i++) await agent.get('/api/limited');
      await agent.post('/__reload');
      fs.writeFileSync(path.join(dir, 'broken.yaml'), 'path: [unclosed\n');
      await agent.post('/__reload');
      const text = (await agent.get('/metrics')).text;
      expect(text).toContain('mockdock_rate_limited_total{endpoint="limited"} 1');
      expect(text).toContain('mockdock_config_reloads_total{result="success"} 1');
      expect(text).toContain('mockdock_config_reloads_total{result="error"} 1');
    });
  });

  describe('/__reload', () => {
    it('swaps in a changed config and answers with the endpoint count and files', async () => {
      const dir = copyFixture();
      const t = await createTestApp({ config: dir });
      const agent = request(t.app.callback());
      fs.writeFileSync(path.join(dir, 'extra.yaml'), '- path: /extra\n  response: { extra: true }\n');
      const res = await agent.post('/__reload');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ endpoints: 7, files: ['api.yaml', 'extra.yaml'] });
      expect((await agent.get('/extra')).body).toEqual({ extra: true });
    });

    it('keeps the old config and answers 400 with file and line when a file is broken', async () => {
      const dir = copyFixture();
      const t = await createTestApp({ config: dir });
      const agent = request(t.app.callback());
      fs.writeFileSync(path.join(dir, 'bad.yaml'), '- path: /ok\n- path: /bad\n  status: "teapot"\n');
      const res = await agent.post('/__reload');
      expect(res.status).toBe(400);
      expect(res.body.errors[0]).toMatchObject({ file: 'bad.yaml', line: 3 });
      expect(res.body.errors[0].message).toMatch(/status/);
      expect((await agent.get('/api/users/1')).status).toBe(200);
      expect((await agent.get('/__health')).body.endpoints).toBe(6);
    });
  });

  it('resets rate-limit buckets on POST /__reset', async () => {
    const t = await createTestApp({ config: fixture });
    const agent = request(t.app.callback());
    for (let i = 0; i < 3; i++) await agent.get('/api/limited');
    expect((await agent.get('/api/limited')).status).toBe(429);
    expect((await agent.post('/__reset')).status).toBe(200);
    expect((await agent.get('/api/limited')).status).toBe(200);
  });

  it('answers an unknown built-in route with 404 and the list of routes', async () => {
    const t = await createTestApp({ config: fixture });
    const res = await request(t.app.callback()).get('/__nope');
    expect(res.status).toBe(404);
    expect(res.body.hint).toMatch(/__health/);
  });

  describe('with an admin token', () => {
    it('refuses /__* routes without the token, with a clear body', async () => {
      const t = await createTestApp({ config: fixture, adminToken: 's3cret' });
      const res = await request(t.app.callback()).get('/__logs');
      expect(res.status).toBe(401);
      expect(res.body.hint).toMatch(/Authorization: Bearer/);
      expect((await request(t.app.callback()).get('/__logs').set('authorization', 'Bearer wrong')).status).toBe(401);
    });

    it('accepts the token, and leaves /__health, /metrics and mocked routes open', async () => {
      const t = await createTestApp({ config: fixture, adminToken: 's3cret' });
      const agent = request(t.app.callback());
      expect((await agent.get('/__logs').set('authorization', 'Bearer s3cret')).status).toBe(200);
      expect((await agent.get('/__health')).status).toBe(200);
      expect((await agent.get('/metrics')).status).toBe(200);
      expect((await agent.get('/api/users/1')).status).toBe(200);
    });
  });
});
