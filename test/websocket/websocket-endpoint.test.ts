import fs from 'node:fs';
import path from 'node:path';
import { TestClient } from './host-harness';
import { startConfig, type Started } from '../streams/start-config';

const CONFIG = `
- name: prices
  path: /ws/prices/:symbol
  websocket:
    on_connect:
      - send: { type: welcome, symbol: "{{params.symbol}}", user: "{{query.user}}" }
    on_message:
      - match: { json: { type: subscribe } }
        send: [{ type: subscribed }, { type: snapshot, price: 101 }]
      - match: { text: ping }
        send: pong
      - echo: true
- name: guarded
  path: /ws/guarded
  match: { headers: { x-key: secret } }
  websocket: { on_connect: [{ send: in }] }
- name: limited
  path: /ws/limited
  rate_limit: { limit: 1, window_s: 60 }
  websocket: { on_connect: [{ send: in }] }
- name: refused
  path: /ws/refused
  failure_rate: 1
  failure: { status: 503, response: { error: down } }
  websocket: {}
- name: reset
  path: /ws/reset
  failure_rate: 1
  failure: { kind: reset }
  websocket: {}
- name: slow
  path: /ws/slow
  latency_ms: 150
  websocket: { on_connect: [{ send: hi }] }
- name: version
  path: /ws/version
  websocket: { on_connect: [{ send: v1 }], on_message: [{ send: "still v1" }] }
`;

function metricValue(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

describe('websocket endpoints served by mockdock', () => {
  let started: Started;
  beforeEach(async () => {
    started = await startConfig({ 'ws.yaml': CONFIG });
  });
  afterEach(() => started.stop());

  it('matches the upgrade like a GET with path params and query, and runs the script', async () => {
    const client = new TestClient(`${started.ws}/ws/prices/ACME?user=ann`);
    await client.opened();
    expect(await client.nextJson()).toEqual({ type: 'welcome', symbol: 'ACME', user: 'ann' });
    client.ws.send('{"type":"subscribe","channel":"x"}');
    expect(await client.nextJson()).toEqual({ type: 'subscribed' });
    expect(await client.nextJson()).toEqual({ type: 'snapshot', price: 101 });
    client.ws.send('ping');
    expect(await client.next()).toBe('pong');
    client.ws.close();
  });

  it('lists open connections, pushes to them on demand, and logs each one with its messages', async () => {
    const outBefore = metricValue(await (await fetch(`${started.http}/metrics`)).text(), 'mockdock_ws_messages_total{endpoint="prices",direction="out"}');
    const a = new TestClient(`${started.ws}/ws/prices/A`);
    const b = new TestClient(`${started.ws}/ws/prices/B`, { headers: { 'x-mockdock-session': 'bob' } });
    await Promise.all([a.opened(), b.opened()]);
    await Promise.all([a.next(), b.next()]);
    const listed = (await (await fetch(`${started.http}/__ws`)).json()) as Array<{ id: string; endpoint: string; path: string; messages_out: number }>;
    expect(listed.map((c) => [c.endpoint, c.path, c.messages_out]).sort()).toEqual([['prices', '/ws/prices/A', 1], ['prices', '/ws/prices/B', 1]]);

    const all = await fetch(`${started.http}/__ws/prices/send`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"news"}' });
    expect(await all.json()).toEqual({ sent: 2 });
    expect(await a.nextJson()).toEqual({ type: 'news' });
    expect(await b.nextJson()).toEqual({ type: 'news' });

    const bob = await fetch(`${started.http}/__ws/prices/send?session=bob`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'just bob' });
    expect(await bob.json()).toEqual({ sent: 1 });
    expect(await b.next()).toBe('just bob');
    const idOfA = listed.find((c) => c.path === '/ws/prices/A')!.id;
    const one = await fetch(`${started.http}/__ws/prices/send?connection=${idOfA}`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'just a' });
    expect(await one.json()).toEqual({ sent: 1 });
    expect(await a.next()).toBe('just a');

    const logs = (await (await fetch(`${started.http}/__logs?endpoint=prices`)).json()) as Array<{ status: number; path: string; session: string | null; messages: Array<{ dir: string; data: string }> }>;
    const ofA = logs.find((e) => e.path === '/ws/prices/A')!;
    expect(ofA.status).toBe(101);
    expect(ofA.messages.map((m) => `${m.dir} ${m.data}`)).toEqual(['out {"type":"welcome","symbol":"A","user":""}', 'out {"type":"news"}', 'out just a']);
    expect(logs.find((e) => e.path === '/ws/prices/B')!.session).toBe('bob');

    const metrics = await (await fetch(`${started.http}/metrics`)).text();
    expect(metrics).toMatch(/mockdock_ws_connections\{endpoint="prices"\} 2/);
    expect(metricValue(metrics, 'mockdock_ws_messages_total{endpoint="prices",direction="out"}') - outBefore).toBe(6);
    a.ws.close();
    b.ws.close();
  });

  it('refuses the handshake when match conditions do not hold, and lets it through when they do', async () => {
    await expect(new TestClient(`${started.ws}/ws/guarded`).opened()).rejects.toThrow('handshake answered 404');
    const ok = new TestClient(`${started.ws}/ws/guarded`, { headers: { 'x-key': 'secret' } });
    await ok.opened();
    expect(await ok.next()).toBe('in');
    ok.ws.close();
  });

  it('applies rate limits to the handshake', async () => {
    const first = new TestClient(`${started.ws}/ws/limited`);
    await first.opened();
    await expect(new TestClient(`${started.ws}/ws/limited`).opened()).rejects.toThrow('handshake answered 429');
    first.ws.close();
  });

  it('refuses the handshake with the failure status, or resets it', async () => {
    await expect(new TestClient(`${started.ws}/ws/refused`).opened()).rejects.toThrow('handshake answered 503');
    await expect(new TestClient(`${started.ws}/ws/reset`).opened()).rejects.toThrow(/ECONNRESET|socket hang up/);
  });

  it('waits latency_ms before the handshake completes', async () => {
    const started0 = performance.now();
    const client = new TestClient(`${started.ws}/ws/slow`);
    await client.opened();
    expect(performance.now() - started0).toBeGreaterThanOrEqual(140);
    client.ws.close();
  });

  it('answers a broken handshake with 400 and keeps serving', async () => {
    const net = await import('node:net');
    const port = new URL(started.http).port;
    const reply = await new Promise<string>((resolve) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => socket.write('GET /ws/prices/X HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n'));
      let text = '';
      socket.on('data', (d) => (text += d));
      socket.on('close', () => resolve(text));
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    const client = new TestClient(`${started.ws}/ws/prices/Y`);
    await client.opened();
    client.ws.close();
  });

  it('answers a plain GET to a websocket endpoint with 426', async () => {
    const answer = await fetch(`${started.http}/ws/prices/X`);
    expect(answer.status).toBe(426);
  });

  it('keeps an open connection on the old definition after a reload, while new ones get the new one', async () => {
    const old = new TestClient(`${started.ws}/ws/version`);
    await old.opened();
    expect(await old.next()).toBe('v1');
    fs.writeFileSync(path.join(started.dir, 'ws.yaml'), CONFIG.replace('{ on_connect: [{ send: v1 }], on_message: [{ send: "still v1" }] }', '{ on_connect: [{ send: v2 }] }'));
    const reload = await fetch(`${started.http}/__reload`, { method: 'POST' });
    expect(reload.status).toBe(200);
    const fresh = new TestClient(`${started.ws}/ws/version`);
    await fresh.opened();
    expect(await fresh.next()).toBe('v2');
    old.ws.send('hello?');
    expect(await old.next()).toBe('still v1');
    old.ws.close();
    fresh.ws.close();
  });

  it('closes open connections with 1001 on shutdown', async () => {
    const client = new TestClient(`${started.ws}/ws/prices/Z`);
    await client.opened();
    await client.next();
    const stopping = started.stop();
    expect((await client.closed).code).toBe(1001);
    await stopping;
  });
});
