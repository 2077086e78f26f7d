/**
 * Scenarios and CRUD collections on the Redis store, against a real redis-server on a loopback port: the same
 * map operations as the memory store, atomic inside Redis, and the same answers through the app.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import request from 'supertest';
import { RedisStore } from '../../src/state/redis-store';
import { buildEndpointSet } from '../../src/registry/build-endpoint-set';
import { createRuntime } from '../../src/server/runtime';
import { createApp } from '../../src/server/create-app';
import { createLogger } from '../../src/server/logger';
import { freePort, startRedis } from '../helpers/redis-process';

const hasRedis = spawnSync('sh', ['-c', 'command -v redis-server']).status === 0;
if (!hasRedis && process.env.CI) throw new Error('redis-server is needed in CI (.ci/run installs it)');
if (!hasRedis) process.stderr.write('redis store state test: redis-server is not installed (apt-get install redis-server); skipping\n');
const describeWithRedis = hasRedis ? describe : describe.skip;

describeWithRedis('state on the Redis store', () => {
  let redis: ChildProcess;
  let store: RedisStore;

  beforeAll(async () => {
    const port = await freePort();
    redis = startRedis(port);
    let up!: () => void;
    const ready = new Promise<void>((resolve) => (up = resolve));
    store = new RedisStore({ url: `redis://127.0.0.1:${port}`, onHealth: (h) => h === 'up' && up() });
    store.connect();
    await ready;
  });

  afterAll(async () => {
    await store.close();
    redis.kill('SIGTERM');
  });

  beforeEach(() => store.reset(Date.now()));

  it('writes map records conditionally inside Redis and keeps the order they were first written', async () => {
    const s = store.scope('t1', 'ep');
    const rec = (tag: string, n: number) => ({ tag, item: { n, empty: [] } });
    expect(await s.mapPut('m', 'a', rec('1', 1), 'present')).toBe('missing');
    expect(await s.mapPut('m', 'a', rec('1', 1), 'absent')).toBe('written');
    expect(await s.mapPut('m', 'a', rec('2', 2), 'absent')).toBe('exists');
    expect(await s.mapPut('m', 'b', rec('b', 3), 'always')).toBe('written');
    expect(await s.mapPut('m', 'a', rec('2', 2), { tag: 'old' })).toBe('stale');
    expect(await s.mapPut('m', 'a', rec('2', 2), { tag: '1' })).toBe('written');
    expect(await s.mapValues('m')).toEqual([rec('2', 2), rec('b', 3)]);
    expect(await s.mapSize('m')).toBe(2);
    expect(await s.mapDelete('m', 'a', { tag: '1' })).toBe('stale');
    expect(await s.mapDelete('m', 'a', 'always')).toBe('written');
    expect(await s.mapGet('m', 'a')).toBeUndefined();
    await s.mapReplace('m', [['z', rec('z', 9)], ['y', rec('y', 8)]]);
    expect(await s.mapValues('m')).toEqual([rec('z', 9), rec('y', 8)]);
    expect(await store.scope('t2', 'ep').mapSize('m')).toBe(0);
    await store.reset(Date.now(), 't1');
    expect(await s.mapSize('m')).toBe(0);
  });

  it('serves a CRUD collection and a scenario through the app with the same answers as in memory', async () => {
    const fixtures = path.join(__dirname, '../fixtures');
    const apps = await Promise.all(['state-crud', 'state-checkout'].map(async (name) => {
      const config = path.join(fixtures, name);
      const opts = { seed: 1, store };
      const built = await buildEndpointSet(config, opts);
      if (!built.ok) throw new Error('fixture');
      const { registry, log, metrics } = createRuntime(config, built.set, opts, { logLimit: 100, defaultMetrics: false });
      return request(createApp({ registry, log, metrics, logger: createLogger('silent') }).callback());
    }));
    const [crud, checkout] = apps;
    const made = await crud.post('/api/users').send({ name: 'Dee' });
    expect(made.status).toBe(201);
    expect(made.body).toEqual({ name: 'Dee', id: 4 });
    const one = await crud.get('/api/users/4');
    expect(one.body).toEqual({ name: 'Dee', id: 4 });
    expect((await crud.patch('/api/users/4').set('If-Match', '"stale"').send({ age: 1 })).status).toBe(412);
    expect((await crud.patch('/api/users/4').set('If-Match', one.headers.etag).send({ age: 1 })).body).toEqual({ name: 'Dee', id: 4, age: 1 });
    expect((await crud.get('/api/users?_sort=id&_order=desc&_limit=2')).body.map((u: { id: number }) => u.id)).toEqual([4, 3]);
    expect((await crud.get('/api/users/2').set('X-Mockdock-Session', 'other')).status).toBe(200);
    await crud.delete('/api/users/2');
    expect((await crud.get('/api/users/2')).status).toBe(404);
    expect((await crud.get('/api/users/2').set('X-Mockdock-Session', 'other')).status).toBe(200);

    await checkout.post('/cart/items');
    expect((await checkout.get('/cart')).body).toEqual({ items: [{ sku: 'A1' }] });
    expect((await checkout.get('/cart').set('X-Mockdock-Session', 'other')).body).toEqual({ items: [] });
    expect((await checkout.get('/__scenarios')).body[0].state).toBe('filled');
  });
});
