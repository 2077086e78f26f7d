import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import axios, { type AxiosInstance } from 'axios';
import { Agent, cacheStores, interceptors, request } from 'undici';
import type { Writable } from 'node:stream';
import { createTestApp, type TestApp } from '../helpers/test-app';

// Real client libraries against mockdock on a loopback port.
const fixtures = path.join(__dirname, '../fixtures');

async function listen(config: string, clock?: () => number): Promise<{ t: TestApp; base: string; close: () => Promise<void> }> {
  const t = await createTestApp({ config, clock });
  const server = http.createServer(t.app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    t,
    base: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** The target of one relation in an RFC 8288 Link header. */
function linkTo(header: string | undefined, rel: string): string | undefined {
  for (const part of (header ?? '').split(',')) {
    const m = /^\s*<([^>]*)>\s*;\s*rel="([^"]+)"/.exec(part);
    if (m && m[2].split(' ').includes(rel)) return m[1];
  }
  return undefined;
}

describe('a CRUD collection driven by axios', () => {
  let server: Awaited<ReturnType<typeof listen>>;
  let api: AxiosInstance;
  beforeAll(async () => {
    server = await listen(path.join(fixtures, 'state-crud'));
    api = axios.create({ baseURL: server.base, validateStatus: () => true });
  });
  afterAll(() => server.close());

  it('creates, reads, patches and deletes an item as a REST client does', async () => {
    const created = await api.post('/api/users', { name: 'Dee', age: 30 });
    expect(created.status).toBe(201);
    const location = created.headers.location as string;
    const read = await api.get(location);
    expect(read.data).toEqual({ name: 'Dee', age: 30, id: created.data.id });
    const patched = await api.patch(location, { age: 31 }, { headers: { 'Content-Type': 'application/merge-patch+json', 'If-Match': read.headers.etag } });
    expect(patched.status).toBe(200);
    expect(patched.data.age).toBe(31);
    const stale = await api.delete(location, { headers: { 'If-Match': read.headers.etag } });
    expect(stale.status).toBe(412);
    expect((await api.delete(location, { headers: { 'If-Match': patched.headers.etag } })).status).toBe(204);
    expect((await api.get(location)).status).toBe(404);
  });

  it('walks every page by following the Link headers, and sees each item once', async () => {
    for (let i = 0; i < 20; i++) await api.post('/api/users', { name: `user ${i}` }, { headers: { 'X-Mockdock-Session': 'pages' } });
    const seen: number[] = [];
    let next: string | undefined = '/api/users?_page=1&_limit=4&_sort=id';
    let pages = 0;
    let total = '';
    while (next !== undefined) {
      const res = await api.get(next, { headers: { 'X-Mockdock-Session': 'pages' } });
      seen.push(...res.data.map((u: { id: number }) => u.id));
      total = res.headers['x-total-count'];
      expect(linkTo(res.headers.link, 'first')).toBe('/api/users?_sort=id&_page=1&_limit=4');
      next = linkTo(res.headers.link, 'next');
      pages++;
    }
    expect(total).toBe('23');
    expect(pages).toBe(6);
    expect(seen).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
  });
});

describe('HTTP caching seen by a real HTTP cache (undici cache interceptor)', () => {
  let server: Awaited<ReturnType<typeof listen>>;
  let dispatcher: ReturnType<Agent['compose']>;
  /** Resolves when the cache has stored the next answer it takes (it writes after the body was read). */
  let stored: () => Promise<void>;
  beforeAll(async () => {
    // Loaded an hour ago, as a running mock server usually was: a cache's heuristics then see a settled Last-Modified.
    server = await listen(path.join(fixtures, 'state-cache'), () => Date.now() - 3_600_000);
    const store = new cacheStores.MemoryCacheStore();
    const write = store.createWriteStream.bind(store);
    let written: Promise<void> = Promise.resolve();
    store.createWriteStream = (...args: Parameters<typeof write>) => {
      const stream = write(...args) as Writable | undefined;
      if (stream) written = new Promise((resolve) => stream.once('close', () => resolve()));
      return stream;
    };
    stored = () => written;
    dispatcher = new Agent().compose(interceptors.cache({ store }));
  });
  afterAll(async () => {
    await dispatcher.close();
    await server.close();
  });

  const logged = (p: string) => server.t.log.query({ path: p }).map((e) => e.status);

  it('revalidates a no-cache answer: mockdock answers 304 and the client still gets the body, from its cache', async () => {
    const first = await request(`${server.base}/catalog`, { dispatcher });
    expect(await first.body.json()).toEqual({ products: [1, 2, 3] });
    await stored();
    const second = await request(`${server.base}/catalog`, { dispatcher });
    expect(second.statusCode).toBe(200);
    expect(await second.body.json()).toEqual({ products: [1, 2, 3] });
    expect(logged('/catalog')).toEqual([304, 200]);
  });

  it('serves a max-age answer from the cache without asking mockdock again', async () => {
    const first = await request(`${server.base}/catalog/long`, { dispatcher });
    expect(await first.body.json()).toEqual({ products: [5] });
    await stored();
    const second = await request(`${server.base}/catalog/long`, { dispatcher });
    expect(await second.body.json()).toEqual({ products: [5] });
    expect(logged('/catalog/long')).toEqual([200]);
  });
});

describe('two test workers with their own session ids', () => {
  let server: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => {
    server = await listen(path.join(fixtures, 'state-checkout'));
  });
  afterAll(() => server.close());

  /** One worker's checkout walk, yielding between steps so the two walks interleave. */
  async function worker(session: string, pay: boolean): Promise<unknown[]> {
    const client = axios.create({ baseURL: server.base, headers: { 'X-Mockdock-Session': session }, validateStatus: () => true });
    const seen: unknown[] = [];
    const step = async (fn: () => Promise<{ data: unknown }>) => {
      seen.push((await fn()).data);
      await new Promise((resolve) => setImmediate(resolve));
    };
    await step(() => client.get('/cart'));
    await step(() => client.post('/cart/items'));
    await step(() => client.get('/cart'));
    if (pay) await step(() => client.post('/cart/pay'));
    await step(() => client.get('/cart'));
    return seen;
  }

  it('run the same scenario in parallel without seeing each other', async () => {
    const [a, b] = await Promise.all([worker('worker-1', true), worker('worker-2', false)]);
    expect(a).toEqual([{ items: [] }, { added: true }, { items: [{ sku: 'A1' }] }, { paid: true }, { items: [], paid: true }]);
    expect(b).toEqual([{ items: [] }, { added: true }, { items: [{ sku: 'A1' }] }, { items: [{ sku: 'A1' }] }]);
    const scenarios = await axios.get(`${server.base}/__scenarios?session=worker-2`);
    expect(scenarios.data[0].state).toBe('filled');
    const untouched = await axios.get(`${server.base}/__scenarios`);
    expect(untouched.data[0].state).toBe('started');
  });
});
