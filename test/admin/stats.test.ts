import request from 'supertest';
import path from 'node:path';
import { createTestApp } from '../helpers/test-app';

const fixture = path.join(__dirname, '../fixtures/stats-traffic');
const T0 = 1_800_000_000_000; // a whole minute, in ms

/** A clock the test moves by hand. */
function fakeClock(start = T0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

async function sendKnownTraffic(agent: ReturnType<typeof request>): Promise<void> {
  for (let i = 0; i < 4; i++) await agent.get('/ok');
  await agent.get('/broken');
  await agent.get('/flaky');
  await agent.get('/limited');
  await agent.get('/limited');
  await agent.get('/guarded');
  await agent.get('/nowhere');
}

describe('GET /__stats', () => {
  it('reports each endpoint with traffic: req/s, percentiles, error and injected-failure rates, and totals', async () => {
    const clock = fakeClock();
    const t = await createTestApp({ config: fixture, clock: clock.now });
    const agent = request(t.app.callback());
    await sendKnownTraffic(agent);
    clock.advance(2000);
    await agent.get('/ok');

    const res = await agent.get('/__stats?window_s=5');
    expect(res.status).toBe(200);
    const now = T0 / 1000 + 2;
    expect(res.body.now).toBe(now);
    expect(res.body.step_s).toBe(1);
    const byName = Object.fromEntries(res.body.endpoints.map((e: { name: string }) => [e.name, e]));
    expect(Object.keys(byName)).toEqual(['ok', 'broken', 'flaky', 'limited', 'guarded', '(unmatched)']);

    const ok = byName.ok;
    expect(ok).toMatchObject({ name: 'ok', method: 'GET', path: '/ok', totals: { requests: 5, errors: 0, failures: 0 } });
    expect(ok.series.t).toEqual([now - 4, now - 3, now - 2, now - 1, now]);
    expect(ok.series.rps).toEqual([0, 0, 4, 0, 1]);
    expect(ok.series.error_rate).toEqual([null, null, 0, null, 0]);
    expect(ok.series.p50_ms[2]).toBeGreaterThan(0);
    expect(ok.series.p99_ms[2]).toBeGreaterThanOrEqual(ok.series.p50_ms[2]);
    expect(ok.series.p95_ms[1]).toBeNull();

    expect(byName.broken.totals).toEqual({ requests: 1, errors: 1, failures: 0 });
    expect(byName.flaky.totals).toEqual({ requests: 1, errors: 1, failures: 1 });
    expect(byName.flaky.series.failure_rate[2]).toBe(1);
    // a 429 or a 401 is neither a 5xx nor an injected failure
    expect(byName.limited.totals).toEqual({ requests: 2, errors: 0, failures: 0 });
    expect(byName.guarded.totals).toEqual({ requests: 1, errors: 0, failures: 0 });
    expect(byName['(unmatched)']).toMatchObject({ method: null, path: null, totals: { requests: 1 } });
  });

  it('counts a fault that sends no status (a reset) as an error and an injected failure', async () => {
    const t = await createTestApp({ config: fixture });
    const agent = request(t.app.callback());
    await agent.post('/__endpoints').send({ name: 'dropped', path: '/dropped', failure_rate: 1, failure: { kind: 'reset' } }).expect(201);
    await expect(agent.get('/dropped')).rejects.toThrow();
    const [dropped] = (await agent.get('/__stats?endpoint=dropped')).body.endpoints;
    expect(dropped.totals).toEqual({ requests: 1, errors: 1, failures: 1 });
  });

  it('aggregates into steps of 5, 10, 30 or 60 s and filters one endpoint by name', async () => {
    const clock = fakeClock();
    const t = await createTestApp({ config: fixture, clock: clock.now });
    const agent = request(t.app.callback());
    for (let s = 0; s < 60; s++) {
      await agent.get('/ok');
      if (s % 10 === 0) await agent.get('/broken');
      clock.advance(1000);
    }
    const res = await agent.get('/__stats?window_s=120&step_s=60&endpoint=ok');
    expect(res.status).toBe(200);
    expect(res.body.endpoints.map((e: { name: string }) => e.name)).toEqual(['ok']);
    const [ok] = res.body.endpoints;
    expect(ok.series.t).toEqual([T0 / 1000 - 60, T0 / 1000, T0 / 1000 + 60]);
    expect(ok.series.rps).toEqual([0, 1, 0]);
    expect(ok.totals.requests).toBe(60);
    const broken = (await agent.get('/__stats?step_s=10&endpoint=broken')).body.endpoints[0];
    expect(broken.series.t).toHaveLength(91);
    expect(broken.series.rps.filter((x: number) => x > 0)).toEqual([0.1, 0.1, 0.1, 0.1, 0.1, 0.1]);
    expect(broken.series.error_rate.filter((x: number | null) => x !== null)).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('answers 400 for a window or step it cannot give, and 404 for an unknown endpoint', async () => {
    const t = await createTestApp({ config: fixture });
    const agent = request(t.app.callback());
    for (const q of ['window_s=0', 'window_s=901', 'window_s=abc', 'window_s=1.5', 'step_s=7', 'step_s=0']) {
      const res = await agent.get(`/__stats?${q}`);
      expect([q, res.status]).toEqual([q, 400]);
      expect(res.body.error).toMatch(/window_s|step_s/);
    }
    const res = await agent.get('/__stats?endpoint=nope');
    expect(res.status).toBe(404);
    expect(res.body.error).toContain('nope');
    expect((await agent.get('/__stats')).body.endpoints).toEqual([]);
  });

  it('needs the admin token like the other admin routes', async () => {
    const t = await createTestApp({ config: fixture, adminToken: 's3cret' });
    const agent = request(t.app.callback());
    expect((await agent.get('/__stats')).status).toBe(401);
    expect((await agent.get('/__stats').set('authorization', 'Bearer s3cret')).status).toBe(200);
  });

  it('drops the figures of an endpoint that a reload removed', async () => {
    const clock = fakeClock();
    const t = await createTestApp({ config: fixture, clock: clock.now });
    const agent = request(t.app.callback());
    await agent.post('/__endpoints').send({ name: 'temp', path: '/temp', response: { ok: true } }).expect(201);
    await agent.get('/temp');
    expect((await agent.get('/__stats')).body.endpoints.map((e: { name: string }) => e.name)).toEqual(['temp']);
    await agent.delete('/__endpoints/temp').expect(204);
    expect((await agent.get('/__stats')).body.endpoints).toEqual([]);
    expect(t.metrics.rolling.bytes()).toBe(0);
  });
});
