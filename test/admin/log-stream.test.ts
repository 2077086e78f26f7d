import http from 'node:http';
import path from 'node:path';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createTestApp, type TestApp } from '../helpers/test-app';

const fixture = path.join(__dirname, '../fixtures/server-basic');

async function listen(t: TestApp): Promise<{ base: string; server: http.Server }> {
  const server = http.createServer(t.app.callback());
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** Reads Server-Sent Events from a streamed fetch body: each event's data lines joined. */
async function* events(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const chunk of body) {
    buffered += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffered.indexOf('\n\n')) !== -1) {
      const block = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      const data = block.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6));
      if (data.length > 0) yield data.join('\n');
    }
  }
}

describe('GET /__logs/stream', () => {
  it('sends each new entry as one data event, with the filters of /__logs, and stops when the client leaves', async () => {
    const t = await createTestApp({ config: fixture });
    const { base, server } = await listen(t);
    const abort = new AbortController();
    try {
      const res = await fetch(`${base}/__logs/stream?method=GET`, { signal: abort.signal });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/event-stream');
      expect(t.log.listenerCount('live')).toBe(1);
      const reader = events(res.body!);
      await fetch(`${base}/api/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"skipped"}' });
      await fetch(`${base}/api/users/7`);
      const first = JSON.parse((await reader.next()).value as string);
      expect(first).toMatchObject({ method: 'GET', path: '/api/users/7', endpoint: 'GET /api/users/:id', status: 200 });
      await fetch(`${base}/nowhere`);
      expect(JSON.parse((await reader.next()).value as string)).toMatchObject({ path: '/nowhere', status: 404 });

      const gone = new Promise<void>((resolve) => t.log.on('removeListener', (name) => name === 'live' && resolve()));
      abort.abort();
      await gone;
      expect(t.log.listenerCount('live')).toBe(0);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('wants the admin token when one is set', async () => {
    const t = await createTestApp({ config: fixture, adminToken: 'tok' });
    const { base, server } = await listen(t);
    try {
      expect((await fetch(`${base}/__logs/stream`)).status).toBe(401);
      const abort = new AbortController();
      const res = await fetch(`${base}/__logs/stream`, { headers: { authorization: 'Bearer tok' }, signal: abort.signal });
      expect(res.status).toBe(200);
      abort.abort();
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('GET /__logs/stream?every_ms=&keep=', () => {
  it('sends a lone entry at once, then at most one batch per interval: only the newest `keep` of a busy one, after an event saying how many were skipped', async () => {
    const t = await createTestApp({ config: fixture });
    const { base, server } = await listen(t);
    const abort = new AbortController();
    try {
      const res = await fetch(`${base}/__logs/stream?every_ms=2000&keep=2`, { signal: abort.signal });
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      await reader.read(); // the opening comment: the subscription is in place
      for (let i = 1; i <= 6; i++) await fetch(`${base}/nowhere/${i}`);
      let text = '';
      while (!text.includes('/nowhere/6')) text += (await reader.read()).value;
      const blocks = text.split('\n\n').filter((b) => b.trim() !== '');
      expect(blocks.map((b) => (b.startsWith('event: skipped') ? b : JSON.parse(b.slice(6)).path))).toEqual(['/nowhere/1', 'event: skipped\ndata: {"skipped":3}', '/nowhere/5', '/nowhere/6']);
    } finally {
      abort.abort();
      server.close();
    }
  });

  it('refuses an interval or a count out of range with a 400', async () => {
    const t = await createTestApp({ config: fixture });
    const { base, server } = await listen(t);
    try {
      const res = await fetch(`${base}/__logs/stream?every_ms=1`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(/every_ms must be a whole number from 10 to 60000/);
    } finally {
      server.close();
    }
  });
});
