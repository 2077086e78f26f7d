import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { request } from 'undici';
import { resolveOptions, type ServerFlags } from '../../src/server/options';
import { startServer, type RunningServer } from '../../src/server/start-server';
import { createLogger } from '../../src/server/logger';
import { buildEndpointSet } from '../../src/registry/build-endpoint-set';
import { configFolder, startUpstream, type Upstream } from './support';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

function upstreamApi(): Parameters<typeof startUpstream>[0] {
  let counter = 0;
  return (req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/api/users') {
      res.writeHead(200, { 'content-type': 'application/json', 'x-total': '2', 'set-cookie': 'sid=secret' });
      return res.end(JSON.stringify([{ id: 1, name: 'Ada', token: 't-1' }, { id: 2, name: 'Grace', token: 't-2' }]));
    }
    if (url.pathname === '/api/items') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ tags: url.searchParams.getAll('tag') }));
    }
    if (url.pathname === '/api/orders' && req.method === 'POST') {
      res.writeHead(201, { 'content-type': 'application/json', location: '/api/orders/7' });
      return res.end(JSON.stringify({ id: 7, ...JSON.parse(req.body.toString()) }));
    }
    if (url.pathname === '/img/logo.png') {
      res.writeHead(200, { 'content-type': 'image/png' });
      return res.end(PNG);
    }
    if (url.pathname === '/docs/readme') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.write('Steep {{3}} minutes.\n');
      return res.end('Then pour.\n');
    }
    if (url.pathname === '/api/packed') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      return res.end(gzipSync(JSON.stringify({ packed: 'yes' })));
    }
    if (url.pathname === '/api/old') {
      res.writeHead(301, { location: '/api/users' });
      return res.end();
    }
    if (url.pathname === '/api/counter') {
      counter += 1;
      res.writeHead(counter === 1 ? 503 : 200, { 'content-type': 'text/plain' });
      return res.end(`count ${counter}`);
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    return res.end('not here');
  };
}

async function start(flags: ServerFlags, settings: Record<string, unknown> = {}): Promise<RunningServer> {
  const resolved = resolveOptions({ port: '0', host: '127.0.0.1', logLevel: 'silent', ...flags }, {});
  if (!resolved.ok) throw new Error(resolved.error);
  const options = { ...resolved.options, settings: { ...resolved.options.settings, ...settings } };
  const started = await startServer(options, createLogger('silent'));
  if (!started.ok) throw new Error(started.lines.join('\n'));
  return started.server;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

async function call(base: string, target: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  const res = await request(`${base}${target}`, { method: (init.method ?? 'GET') as 'GET', headers: init.headers, body: init.body });
  return { status: res.statusCode, headers: res.headers, body: Buffer.from(await res.body.arrayBuffer()) };
}

/** Resolves once a reload has loaded at least `count` endpoints. */
function loaded(server: RunningServer, count: number): Promise<void> {
  if (server.registry.current.endpoints.length >= count) return Promise.resolve();
  return new Promise((resolve) => {
    server.registry.onReload(() => {
      if (server.registry.current.endpoints.length >= count) resolve();
    });
  });
}

const REQUESTS: Array<[string, { method?: string; headers?: Record<string, string>; body?: string }]> = [
  ['/api/users', { headers: { authorization: 'Bearer top-secret' } }],
  ['/api/items?tag=a&tag=b', {}],
  ['/api/orders', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"item":"tea","qty":2}' }],
  ['/img/logo.png', {}],
  ['/docs/readme', {}],
  ['/api/packed', { headers: { 'accept-encoding': 'gzip' } }],
  ['/api/old', {}],
];

describe('record on miss, then replay with the upstream stopped', () => {
  let upstream: Upstream;
  let folder: ReturnType<typeof configFolder>;
  let server: RunningServer;

  beforeAll(async () => {
    upstream = await startUpstream(upstreamApi());
    folder = configFolder({ 'hand-written.yaml': '- path: /api/health\n  response: { ok: true }\n' });
    server = await start({ config: folder.dir, proxy: upstream.url, record: true, redactField: ['token'] });
  });

  afterAll(async () => {
    await server.shutdown('test done');
    await upstream.close();
    folder.cleanup();
  });

  it('forwards what no endpoint matches, writes it under recorded/, and answers it from the mock once loaded', async () => {
    const first: Answer[] = [];
    for (const [target, init] of REQUESTS) first.push(await call(server.url, target, init));
    expect(first.map((a) => a.status)).toEqual([200, 200, 201, 200, 200, 200, 301]);
    // the hand-written endpoint still answers, and is not recorded
    expect(JSON.parse((await call(server.url, '/api/health')).body.toString())).toEqual({ ok: true });

    await loaded(server, 1 + REQUESTS.length);
    await upstream.close();

    for (const [i, [target, init]] of REQUESTS.entries()) {
      const again = await call(server.url, target, init);
      const before = first[i];
      const expected = before.headers['content-encoding'] === 'gzip' ? gunzipSync(before.body) : before.body;
      expect({ target, status: again.status }).toEqual({ target, status: before.status });
      if (target === '/api/users') {
        // a redacted field is the one change recording makes to an answer
        expect(JSON.parse(again.body.toString())).toEqual([{ id: 1, name: 'Ada', token: 'REDACTED' }, { id: 2, name: 'Grace', token: 'REDACTED' }]);
      } else {
        expect({ target, sha: createHash('sha256').update(again.body).digest('hex') }).toEqual({ target, sha: createHash('sha256').update(expected).digest('hex') });
      }
      expect(again.headers['content-type']).toBe(before.headers['content-type']);
      for (const name of ['x-total', 'location']) expect(again.headers[name]).toBe(before.headers[name]);
      expect(again.headers['set-cookie']).toBeUndefined();
    }
  });

  it('notes proxied_to and recorded in /__logs, and never writes secrets', async () => {
    const logs = (await (await request(`${server.url}/__logs?limit=1000`)).body.json()) as Array<Record<string, unknown>>;
    const proxied = logs.filter((e) => e.proxied_to !== undefined);
    expect(proxied).toHaveLength(REQUESTS.length);
    expect(proxied.every((e) => e.recorded === true && e.endpoint === null)).toBe(true);
    expect(proxied.map((e) => e.proxied_to)).toContain(`${upstream.url}/api/items?tag=a&tag=b`);
    const replayed = logs.filter((e) => e.proxied_to === undefined && typeof e.endpoint === 'string' && e.path !== '/api/health');
    expect(replayed).toHaveLength(REQUESTS.length);

    const dir = path.join(folder.dir, 'recorded', `127.0.0.1_${upstream.port}`);
    expect(readdirSync(dir).sort()).toEqual(['api.yaml', 'docs.yaml', 'img.yaml']);
    const text = readdirSync(dir).map((f) => readFileSync(path.join(dir, f), 'utf8')).join('\n');
    expect(text).not.toMatch(/top-secret|sid=secret|t-1/);
    expect(text).toMatch(/tag: a/);
  });

  it('leaves the folder valid config that validate accepts', async () => {
    const built = await buildEndpointSet(folder.dir, { seed: 1 });
    expect(built.ok).toBe(true);
  });
});

describe('a recording proxy (mockdock record) keeps changing answers as a sequence', () => {
  it('forwards every request, even one already recorded, and replays the answers in turn', async () => {
    const upstream = await startUpstream(upstreamApi());
    const folder = configFolder({});
    try {
      const recorder = await start({ config: folder.dir, proxy: upstream.url, record: true, watch: false }, { proxy: { url: upstream.url, always: true } });
      const seen = [await call(recorder.url, '/api/counter'), await call(recorder.url, '/api/counter'), await call(recorder.url, '/api/counter')];
      await recorder.shutdown('recorded');
      await upstream.close();
      expect(seen.map((a) => `${a.status} ${a.body.toString()}`)).toEqual(['503 count 1', '200 count 2', '200 count 3']);

      const replay = await start({ config: folder.dir, watch: false });
      const again = [await call(replay.url, '/api/counter'), await call(replay.url, '/api/counter'), await call(replay.url, '/api/counter')];
      await replay.shutdown('replayed');
      expect(again.map((a) => `${a.status} ${a.body.toString()}`)).toEqual(['503 count 1', '200 count 2', '200 count 3']);
    } finally {
      await upstream.close();
      folder.cleanup();
    }
  });
});
