import request from 'supertest';
import path from 'node:path';
import { once } from 'node:events';
import { createTestApp } from '../helpers/test-app';

const fixture = path.join(__dirname, '../fixtures/server-basic');

describe('POST /__verify and GET /__logs/count', () => {
  it('counts logged requests with the filters of /__logs', async () => {
    const t = await createTestApp({ config: fixture });
    const agent = request(t.app.callback());
    await agent.get('/api/users/1');
    await agent.get('/api/users/2');
    await agent.post('/api/users').send({ name: 'x' });
    expect((await agent.get('/__logs/count')).body).toEqual({ count: 3 });
    expect((await agent.get('/__logs/count?method=GET&path=/api/users/*')).body).toEqual({ count: 2 });
    expect((await agent.get('/__logs/count?limit=1')).body).toEqual({ count: 3 });
    expect((await agent.get('/__logs/count?limit=-1')).status).toBe(400);
  });

  it('answers 200 with the count when the requests were made, matching body partly and headers', async () => {
    const t = await createTestApp({ config: fixture });
    const agent = request(t.app.callback());
    await agent.post('/api/users').set('x-tenant', 'acme').send({ name: 'Lin', role: 'admin' });
    await agent.post('/api/users').send({ name: 'Kim' });
    const res = await agent.post('/__verify').send({ method: 'post', path: '/api/users', body: { name: 'Lin' }, headers: { 'X-Tenant': 'acme' } });
    expect([res.status, res.body]).toEqual([200, { count: 1 }]);
    expect((await agent.post('/__verify').send({ endpoint: 'POST /api/users', count: 2 })).body).toEqual({ count: 2 });
    expect((await agent.post('/__verify').send({ path: '/api/users', at_most: 2 })).status).toBe(200);
  });

  it('answers 417 with the expected count and the closest requests with how each differs', async () => {
    const t = await createTestApp({ config: fixture });
    const agent = request(t.app.callback());
    await agent.get('/api/users/1');
    await agent.post('/api/users').send({ name: 'Kim' });
    const res = await agent.post('/__verify').send({ method: 'POST', path: '/api/users', body: { name: 'Lin' } });
    expect(res.status).toBe(417);
    expect(res.body).toMatchObject({ count: 0, expected: 'at least 1' });
    expect(res.body.closest[0]).toMatchObject({ method: 'POST', path: '/api/users', differences: [expect.stringContaining('"Kim"')] });
    expect(res.body.closest[1].differences).toEqual(expect.arrayContaining(['method is GET, expected POST', 'path is /api/users/1, expected /api/users']));

    const tooMany = await agent.post('/__verify').send({ path: '/api/users/*', count: 0 });
    expect(tooMany.status).toBe(417);
    expect(tooMany.body).toMatchObject({ count: 1, expected: 'exactly 0' });
  });

  it('waits with wait_ms for a request sent after the call started', async () => {
    const t = await createTestApp({ config: fixture });
    const agent = request(t.app.callback());
    const verifying = agent.post('/__verify').send({ method: 'POST', path: '/api/users', body: { name: 'Late' }, wait_ms: 10_000 }).then((r) => r);
    // the verify call is waiting on the log once it listens for entries
    await once(t.log, 'newListener');
    await agent.post('/api/users').send({ name: 'Early' });
    const started = Date.now();
    await agent.post('/api/users').send({ name: 'Late' });
    const res = await verifying;
    expect([res.status, res.body]).toEqual([200, { count: 1 }]);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(t.log.listenerCount('entry')).toBe(0);
  });

  it('gives up at wait_ms with 417 when the request never comes', async () => {
    const t = await createTestApp({ config: fixture });
    const started = Date.now();
    const res = await request(t.app.callback()).post('/__verify').send({ path: '/never', wait_ms: 200 });
    expect(res.status).toBe(417);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(t.log.listenerCount('entry')).toBe(0);
  });

  it('refuses a malformed verification with 400 saying what is wrong', async () => {
    const t = await createTestApp({ config: fixture });
    const agent = request(t.app.callback());
    expect((await agent.post('/__verify').send({ wait_ms: 60_000 })).body.error).toContain('at most 30000');
    expect((await agent.post('/__verify').send({ count: 1, at_least: 1 })).status).toBe(400);
    expect((await agent.post('/__verify').send({ metod: 'GET' })).body.error).toContain('"metod"');
    expect((await agent.post('/__verify').send({ count: -1 })).status).toBe(400);
  });

  it('checks outgoing entries only when asked for direction outgoing', async () => {
    const t = await createTestApp({ config: fixture });
    const agent = request(t.app.callback());
    await agent.get('/api/users/1');
    expect((await agent.post('/__verify').send({ path: '/api/users/1', direction: 'outgoing' })).status).toBe(417);
    expect((await agent.post('/__verify').send({ path: '/api/users/1' })).status).toBe(200);
  });

  it('keeps /__verify behind the admin token', async () => {
    const t = await createTestApp({ config: fixture, adminToken: 'tok' });
    expect((await request(t.app.callback()).post('/__verify').send({})).status).toBe(401);
  });
});
