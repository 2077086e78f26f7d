import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { TestClient } from './host-harness';
import { startConfig, type Started } from '../streams/start-config';

describe('a websocket proxy endpoint served by mockdock', () => {
  let upstream: http.Server;
  let wss: WebSocketServer;
  let started: Started;

  beforeEach(async () => {
    upstream = http.createServer();
    wss = new WebSocketServer({ server: upstream });
    wss.on('connection', (ws, req) => {
      ws.send(`upstream sees ${req.url} with ${req.headers['x-upstream-key']}`);
      ws.on('message', (data, binary) => ws.send(binary ? data : `echo ${data}`, { binary }));
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const port = (upstream.address() as AddressInfo).port;
    started = await startConfig({
      'proxy.yaml': `
- name: feed
  path: /feed/*
  websocket: { proxy: { url: "ws://127.0.0.1:${port}", headers: { x-upstream-key: k1 } } }
- name: flaky
  path: /flaky
  websocket: { proxy: "ws://127.0.0.1:${port}", drop: { after_messages: 2 } }
`,
    });
  });

  afterEach(async () => {
    await started.stop();
    for (const c of wss.clients) c.terminate();
    await new Promise<void>((resolve) => upstream.close(() => resolve()));
  });

  it('passes frames both ways to the upstream and logs them on the connection entry', async () => {
    const client = new TestClient(`${started.ws}/feed/prices?x=1`);
    await client.opened();
    expect(await client.next()).toBe('upstream sees /feed/prices?x=1 with k1');
    client.ws.send('hi');
    expect(await client.next()).toBe('echo hi');
    client.ws.send(Buffer.from([1, 2]));
    expect(await client.next()).toBe('AQI=');
    const [entry] = (await (await fetch(`${started.http}/__logs?endpoint=feed`)).json()) as Array<{ status: number; messages: Array<{ dir: string; data: string; encoding?: string }> }>;
    expect(entry.status).toBe(101);
    expect(entry.messages.map((m) => [m.dir, m.data, m.encoding ?? 'text'])).toEqual([
      ['out', 'upstream sees /feed/prices?x=1 with k1', 'text'],
      ['in', 'hi', 'text'],
      ['out', 'echo hi', 'text'],
      ['in', 'AQI=', 'base64'],
      ['out', 'AQI=', 'base64'],
    ]);
    client.ws.close();
  });

  it('applies drop faults to the proxied connection', async () => {
    const client = new TestClient(`${started.ws}/flaky`);
    await client.opened();
    await client.next();
    client.ws.send('one');
    expect(await client.next()).toBe('echo one');
    client.ws.send('two');
    expect((await client.closed).code).toBe(1006);
  });

  it('refuses the handshake with 502 naming the upstream when it is down', async () => {
    for (const c of wss.clients) c.terminate();
    await new Promise<void>((resolve) => upstream.close(() => resolve()));
    upstream = http.createServer();
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    await expect(new TestClient(`${started.ws}/flaky`).opened()).rejects.toThrow('handshake answered 502');
  });

  it('exports the proxied frames in HAR as _webSocketMessages, the way browsers write them', async () => {
    const client = new TestClient(`${started.ws}/feed/live`);
    await client.opened();
    await client.next();
    client.ws.send('hi');
    await client.next();
    const har = (await (await fetch(`${started.http}/__logs?format=har&endpoint=feed`)).json()) as {
      log: { version: string; entries: Array<{ request: { url: string; method: string }; response: { status: number }; _resourceType: string; _webSocketMessages: Array<{ type: string; opcode: number; data: string; time: number }> }> };
    };
    expect(har.log.version).toBe('1.2');
    const [entry] = har.log.entries;
    expect(entry.request).toMatchObject({ method: 'GET', url: `${started.ws}/feed/live` });
    expect(entry.response.status).toBe(101);
    expect(entry._resourceType).toBe('websocket');
    expect(entry._webSocketMessages.map(({ type, opcode, data }) => ({ type, opcode, data }))).toEqual([
      { type: 'receive', opcode: 1, data: 'upstream sees /feed/live with k1' },
      { type: 'send', opcode: 1, data: 'hi' },
      { type: 'receive', opcode: 1, data: 'echo hi' },
    ]);
    expect(entry._webSocketMessages.every((m) => m.time > 1e9 && m.time < 1e10)).toBe(true);
    client.ws.close();
  });
});
