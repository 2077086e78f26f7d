import request from 'supertest';
import path from 'node:path';
import { createTestApp } from '../helpers/test-app';

// The shipped example config/resilience.yaml, served through the whole app with a fake clock.
const config = path.join(__dirname, '../../config/resilience.yaml');

describe('traffic shaping through the app (config/resilience.yaml)', () => {
  it('fails during the outage windows and answers outside them', async () => {
    let now = 1_000_000;
    const t = await createTestApp({ config, clock: () => now });
    const agent = request(t.app.callback());
    const at = async (s: number) => {
      now = 1_000_000 + s * 1000;
      return (await agent.get('/api/shipping/quote')).status;
    };
    expect(await at(5)).toBe(200);
    expect(await at(15)).toBe(503);
    expect(await at(29.9)).toBe(503);
    expect(await at(31)).toBe(200);
    expect(await at(75)).toBe(503); // the window repeats every 60 s
    expect(await at(95)).toBe(200);
  });

  it('restarts the outage clock on POST /__reset', async () => {
    let now = 1_000_000;
    const t = await createTestApp({ config, clock: () => now });
    const agent = request(t.app.callback());
    now += 15_000;
    expect((await agent.get('/api/shipping/quote')).status).toBe(503);
    await agent.post('/__reset');
    expect((await agent.get('/api/shipping/quote')).status).toBe(200);
  });

  it('lists every validation problem with its path', async () => {
    const t = await createTestApp({ config });
    const res = await request(t.app.callback()).post('/api/customers').send({ name: '', email: 'not-an-email' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { path: 'body/name', message: expect.stringMatching(/fewer than 1|at least 1|minLength|NOT have fewer/i) },
      { path: 'body/email', message: expect.stringMatching(/email/) },
    ]);
    const ok = await request(t.app.callback()).post('/api/customers').send({ name: 'Ada', email: 'ada@example.com' });
    expect(ok.status).toBe(201);
    expect(ok.body.name).toBe('Ada');
  });

  it('gives each API key its own rate-limit budget', async () => {
    const t = await createTestApp({ config });
    const agent = request(t.app.callback());
    for (let i = 0; i < 100; i++) await agent.get('/api/partner/x').set('x-api-key', 'alpha');
    expect((await agent.get('/api/partner/x').set('x-api-key', 'alpha')).status).toBe(429);
    const beta = await agent.get('/api/partner/x').set('x-api-key', 'beta');
    expect(beta.status).toBe(200);
    expect(beta.headers['ratelimit-remaining']).toBe('99');
  });

  it('serves a flaky sequence in turn and starts it over on /__reset', async () => {
    const t = await createTestApp({ config });
    const agent = request(t.app.callback());
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await agent.get('/api/orders/1')).status);
    expect(statuses).toEqual([503, 503, 200, 503]);
    await agent.post('/__reset');
    expect((await agent.get('/api/orders/1')).status).toBe(503);
  });
});
