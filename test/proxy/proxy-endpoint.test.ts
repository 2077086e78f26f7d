import { createHash, randomBytes } from 'node:crypto';
import { gzipSync, gunzipSync } from 'node:zlib';
import http from 'node:http';
import { request } from 'undici';
import { configFolder, deadPort, serve, startUpstream, type Served, type Upstream } from './support';

/** Resolves when the upstream's `endless` answer is closed before it ended (its client, mockdock, let go). */
let endlessClosed: Promise<void> = Promise.resolve();

/** An upstream with one route per kind of answer a real API gives. */
function upstreamRoutes(): Parameters<typeof startUpstream>[0] {
  let counter = 0;
  const binary = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
  return (req, res) => {
    // routed by the last segment, so every proxied prefix reaches the same answers
    switch (new URL(req.url, 'http://x').pathname.split('/').pop()) {
      case 'echo':
        res.writeHead(200, { 'content-type': 'application/json', 'x-upstream': 'yes', connection: 'keep-alive, x-private', 'x-private': 'hop', 'keep-alive': 'timeout=99' });
        res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers, sha: createHash('sha256').update(req.body).digest('hex'), bytes: req.body.length }));
        return;
      case 'counter':
        counter += 1;
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(`count ${counter}`);
        return;
      case 'chunked':
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('first,');
        setImmediate(() => {
          res.write('second,');
          setImmediate(() => res.end('third'));
        });
        return;
      case 'binary':
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': binary.length });
        res.end(binary);
        return;
      case 'gzip': {
        const zipped = gzipSync(Buffer.from(JSON.stringify({ packed: true, words: 'many '.repeat(100) })));
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': zipped.length });
        res.end(zipped);
        return;
      }
      case 'moved':
        res.writeHead(302, { location: '/api/echo?from=moved', 'set-cookie': ['a=1; Path=/', 'b=2; Path=/'] });
        res.end();
        return;
      case 'broken':
        // headers and part of the body, then the connection drops
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '1000' });
        res.write('part of it', () => res.socket?.destroy());
        return;
      case 'endless': {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('first chunk;');
        const timer = setInterval(() => res.write('more;'), 50);
        endlessClosed = new Promise((resolve) => res.once('close', () => (clearInterval(timer), resolve())));
        return;
      }
      case 'slow':
        setTimeout(() => {
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.end('late');
        }, 1500);
        return;
      default:
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('upstream has no such thing');
    }
  };
}

describe('an endpoint with proxy', () => {
  let upstream: Upstream;
  let mock: Served;
  let folder: ReturnType<typeof configFolder>;
  let dead: number;

  beforeAll(async () => {
    upstream = await startUpstream(upstreamRoutes());
    dead = await deadPort();
    folder = configFolder({
      'api.yaml': [
        `- path: /api/*\n  method: ANY\n  proxy: ${upstream.url}\n  headers: { X-Via: mockdock }`,
        `- path: /slow/*\n  proxy: { url: "${upstream.url}", timeout_ms: 200 }`,
        `- path: /down/*\n  proxy: http://127.0.0.1:${dead}`,
        `- path: /cached/*\n  proxy: { url: "${upstream.url}/api", cache_s: 60 }`,
        `- path: /chaos/*\n  proxy: ${upstream.url}\n  failure_rate: 1\n  failure: { kind: status, status: 503, response: { error: injected } }`,
        `- path: /limited/*\n  proxy: ${upstream.url}\n  rate_limit: { limit: 1, window_s: 60 }`,
        `- path: /checked/*\n  method: POST\n  proxy: ${upstream.url}\n  validate: { body: { type: object, required: [name] } }`,
        `- path: /delayed/*\n  proxy: ${upstream.url}\n  latency_ms: 150`,
      ].join('\n'),
    });
    mock = await serve({ config: folder.dir });
  });

  afterAll(async () => {
    await mock.stop();
    await upstream.close();
    folder.cleanup();
  });

  beforeEach(() => {
    upstream.seen.length = 0;
  });

  it('forwards method, path and the query as sent, repeated keys included, and returns the upstream answer', async () => {
    const res = await request(`${mock.url}/api/echo?tag=a&tag=b&q=x%20y`, { headers: { 'x-client': 'one' } });
    const body = (await res.body.json()) as { method: string; url: string; headers: Record<string, string> };
    expect(res.statusCode).toBe(200);
    expect(body.method).toBe('GET');
    expect(body.url).toBe('/api/echo?tag=a&tag=b&q=x%20y');
    expect(body.headers['x-client']).toBe('one');
    expect(res.headers['x-upstream']).toBe('yes');
    expect(res.headers['x-via']).toBe('mockdock');
  });

  it('sets Host to the upstream, adds X-Forwarded-For/-Proto/-Host, and drops hop-by-hop headers both ways', async () => {
    // Node's own client sends a Connection header naming another header, as old proxies do
    const sent = await new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }>((resolve, reject) => {
      const out = http.get(`${mock.url}/api/echo`, { headers: { connection: 'keep-alive, x-secret-hop', 'x-secret-hop': 'no', 'x-forwarded-for': '10.0.0.9' } }, (r) => {
        let text = '';
        r.setEncoding('utf8');
        r.on('data', (c: string) => (text += c));
        r.on('end', () => resolve({ status: r.statusCode ?? 0, headers: r.headers, text }));
      });
      out.on('error', reject);
    });
    const res = { headers: sent.headers };
    const { headers } = JSON.parse(sent.text) as { headers: Record<string, string> };
    expect(headers.host).toBe(`127.0.0.1:${upstream.port}`);
    expect(headers['x-forwarded-for']).toBe('10.0.0.9, 127.0.0.1');
    expect(headers['x-forwarded-proto']).toBe('http');
    expect(headers['x-forwarded-host']).toBe(new URL(mock.url).host);
    expect(headers['x-secret-hop']).toBeUndefined();
    expect(res.headers['x-private']).toBeUndefined();
    expect(res.headers['keep-alive']).not.toBe('timeout=99');
  });

  it('forwards a JSON body byte for byte and a binary body streamed', async () => {
    const json = '{"name":"Ada",  "n":1}';
    const a = await request(`${mock.url}/api/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: json });
    expect(((await a.body.json()) as { sha: string }).sha).toBe(createHash('sha256').update(json).digest('hex'));
    const bytes = randomBytes(300 * 1024);
    const b = await request(`${mock.url}/api/echo`, { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body: bytes });
    const echoed = (await b.body.json()) as { sha: string; bytes: number; method: string };
    expect(echoed).toMatchObject({ method: 'PUT', bytes: bytes.length, sha: createHash('sha256').update(bytes).digest('hex') });
  });

  it('cuts the answer short when the upstream drops mid-body (never ends it as if whole), and keeps serving', async () => {
    const res = await request(`${mock.url}/api/broken`);
    expect(res.statusCode).toBe(200);
    await expect(res.body.text()).rejects.toThrow();
    const next = await request(`${mock.url}/api/counter`);
    expect(next.statusCode).toBe(200);
    await next.body.text();
  });

  it('lets go of the upstream answer when its client goes away mid-body', async () => {
    const res = await request(`${mock.url}/api/endless`);
    const reader = res.body[Symbol.asyncIterator]();
    expect(Buffer.from((await reader.next()).value as Uint8Array).toString()).toContain('first chunk;');
    // the upstream set `endlessClosed` when it began this answer, before its first chunk could reach us
    const closed = endlessClosed;
    res.body.destroy();
    await closed;
  });

  it('passes binary, chunked and gzip answers through unchanged', async () => {
    const bin = await request(`${mock.url}/api/binary`);
    expect(Buffer.from(await bin.body.arrayBuffer())).toEqual(Buffer.from(Array.from({ length: 256 }, (_, i) => i)));
    const chunked = await request(`${mock.url}/api/chunked`);
    expect(await chunked.body.text()).toBe('first,second,third');
    const zipped = await request(`${mock.url}/api/gzip`, { headers: { 'accept-encoding': 'gzip' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(Buffer.from(await zipped.body.arrayBuffer())).toString())).toMatchObject({ packed: true });
  });

  it('passes redirects through instead of following them, with every Set-Cookie line', async () => {
    const res = await request(`${mock.url}/api/moved`);
    await res.body.dump();
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/api/echo?from=moved');
    expect(res.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(upstream.seen.map((r) => r.url)).toEqual(['/api/moved']);
  });

  it('answers 502 with the upstream URL when the upstream cannot be reached', async () => {
    const res = await request(`${mock.url}/down/x?y=1`);
    expect(res.statusCode).toBe(502);
    const body = (await res.body.json()) as { error: string; upstream: string };
    expect(body.upstream).toBe(`http://127.0.0.1:${dead}/down/x?y=1`);
    expect(body.error).toMatch(/cannot be reached/);
  });

  it('answers 504 when the upstream sends nothing within timeout_ms', async () => {
    const started = Date.now();
    const res = await request(`${mock.url}/slow/api/slow`);
    expect(res.statusCode).toBe(504);
    expect(((await res.body.json()) as { error: string }).error).toMatch(/within 200 ms/);
    expect(Date.now() - started).toBeLessThan(1400);
  });

  it('asks the upstream every time, so answers that change come through', async () => {
    const first = await (await request(`${mock.url}/api/counter`)).body.text();
    const second = await (await request(`${mock.url}/api/counter`)).body.text();
    expect(first).not.toBe(second);
  });

  it('with cache_s keeps a GET answer, per path and query', async () => {
    const a = await (await request(`${mock.url}/cached/counter?v=1`)).body.text();
    const b = await (await request(`${mock.url}/cached/counter?v=1`)).body.text();
    const c = await (await request(`${mock.url}/cached/counter?v=2`)).body.text();
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    expect(upstream.seen.map((r) => r.url)).toEqual(['/api/cached/counter?v=1', '/api/cached/counter?v=2']);
  });

  it('lets failures replace the upstream answer without asking it', async () => {
    const res = await request(`${mock.url}/chaos/anything`);
    expect(res.statusCode).toBe(503);
    expect(await res.body.json()).toEqual({ error: 'injected' });
    expect(upstream.seen).toEqual([]);
  });

  it('adds latency_ms on top of the upstream answer', async () => {
    const started = Date.now();
    const res = await request(`${mock.url}/delayed/api/echo`);
    await res.body.dump();
    expect(res.statusCode).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(mock.log.query({ limit: 1 })[0]).toMatchObject({ endpoint: 'GET /delayed/*', latency_ms: 150 });
  });

  it('runs rate_limit and validate before forwarding', async () => {
    expect((await request(`${mock.url}/limited/api/echo`)).statusCode).toBe(200);
    const limited = await request(`${mock.url}/limited/api/echo`);
    await limited.body.dump();
    expect(limited.statusCode).toBe(429);
    const invalid = await request(`${mock.url}/checked/api/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    await invalid.body.dump();
    expect(invalid.statusCode).toBe(400);
    expect(upstream.seen.map((r) => r.url)).toEqual(['/limited/api/echo']);
  });

  it('notes proxied_to in the log and counts proxied requests and upstream time in /metrics', async () => {
    await (await request(`${mock.url}/api/echo?n=1`)).body.dump();
    await (await request(`${mock.url}/down/z`)).body.dump();
    const [down, echo] = mock.log.query({ limit: 2 }) as unknown as Array<Record<string, unknown>>;
    expect(echo).toMatchObject({ endpoint: 'ANY /api/*', status: 200, proxied_to: `${upstream.url}/api/echo?n=1` });
    expect(typeof echo.upstream_ms).toBe('number');
    expect(down).toMatchObject({ endpoint: 'GET /down/*', status: 502, proxied_to: `http://127.0.0.1:${dead}/down/z` });
    const text = await mock.metrics.registry.metrics();
    expect(text).toMatch(/mockdock_proxy_requests_total\{endpoint="ANY \/api\/\*",status="200"\} \d+/);
    expect(text).toMatch(/mockdock_proxy_requests_total\{endpoint="GET \/down\/\*",status="502"\} \d+/);
    expect(text).toMatch(/mockdock_upstream_duration_seconds_count\{endpoint="ANY \/api\/\*"\} \d+/);
  });
});
