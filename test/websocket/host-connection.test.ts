import http from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { hostHarness, type Harness, TestClient } from './host-harness';

describe('hosting a scripted WebSocket with a real ws client', () => {
  let harness: Harness;
  afterEach(() => harness?.close());

  it('runs the conversation of the script and lists the connection while it is open', async () => {
    harness = await hostHarness({
      on_connect: [{ send: { type: 'welcome', user: '{{query.user}}' } }],
      on_message: [
        { match: { json: { type: 'subscribe' } }, send: [{ type: 'subscribed' }, { type: 'snapshot', price: 101 }] },
        { match: { text: 'ping' }, send: 'pong' },
      ],
    });
    const client = new TestClient(`${harness.url}/ws?user=ann`);
    await client.opened();
    expect(await client.nextJson()).toEqual({ type: 'welcome', user: 'ann' });
    client.ws.send(JSON.stringify({ type: 'subscribe' }));
    expect(await client.nextJson()).toEqual({ type: 'subscribed' });
    expect(await client.nextJson()).toEqual({ type: 'snapshot', price: 101 });
    client.ws.send('ping');
    expect(await client.next()).toBe('pong');
    const [conn] = harness.registry.all();
    expect(conn.summary()).toMatchObject({ endpoint: 'GET /ws', path: '/ws', messages_in: 2, messages_out: 4 });
    expect(conn.log.list().map((m) => `${m.dir} ${m.data}`)).toEqual(['out {"type":"welcome","user":"ann"}', 'in {"type":"subscribe"}', 'out {"type":"subscribed"}', 'out {"type":"snapshot","price":101}', 'in ping', 'out pong']);
    client.ws.close(1000);
    await client.closed;
    await until(() => harness.registry.size === 0);
  });

  it('closes with 1009 when a message is larger than max_message_bytes', async () => {
    harness = await hostHarness({ on_message: [{ echo: true }], max_message_bytes: 1024 });
    const client = new TestClient(`${harness.url}/ws`);
    await client.opened();
    client.ws.send('x'.repeat(1024));
    expect(await client.next()).toHaveLength(1024);
    client.ws.send('x'.repeat(1025));
    expect((await client.closed).code).toBe(1009);
  });

  it('closes with 1009 above the default limit of 1 MiB', async () => {
    harness = await hostHarness({ on_message: [{ echo: true }] });
    const client = new TestClient(`${harness.url}/ws`);
    await client.opened();
    client.ws.send(Buffer.alloc(1024 * 1024 + 1));
    expect((await client.closed).code).toBe(1009);
  });

  it('accepts binary frames, echoes them as binary and logs them as base64', async () => {
    harness = await hostHarness({ on_message: [{ echo: true }] });
    const client = new TestClient(`${harness.url}/ws`);
    await client.opened();
    client.ws.send(Buffer.from([1, 2, 3, 254]));
    expect(await client.next()).toBe('AQID/g==');
    const [conn] = harness.registry.all();
    expect(conn.log.list()).toEqual([
      expect.objectContaining({ dir: 'in', data: 'AQID/g==', encoding: 'base64' }),
      expect.objectContaining({ dir: 'out', data: 'AQID/g==', encoding: 'base64' }),
    ]);
  });

  it('drops the connection abruptly so the client sees 1006', async () => {
    harness = await hostHarness({ on_message: [{ echo: true }], drop: { after_messages: 2 } });
    const client = new TestClient(`${harness.url}/ws`);
    await client.opened();
    client.ws.send('one');
    expect(await client.next()).toBe('one');
    client.ws.send('two');
    expect((await client.closed).code).toBe(1006);
  });
});

describe('proxying a WebSocket to a real upstream', () => {
  let harness: Harness;
  let upstream: { server: http.Server; wss: WebSocketServer; url: string; paths: string[] };

  beforeEach(async () => {
    const server = http.createServer();
    const wss = new WebSocketServer({ server });
    const paths: string[] = [];
    wss.on('connection', (ws, req) => {
      paths.push(req.url ?? '');
      ws.send(`hello from upstream ${req.headers['x-extra'] ?? ''}`.trim());
      ws.on('message', (data, binary) => (String(data) === 'bye' ? ws.close(4001, 'upstream says bye') : ws.send(binary ? data : `upstream got ${data}`, { binary })));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    upstream = { server, wss, url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`, paths };
  });

  afterEach(async () => {
    await harness?.close();
    for (const c of upstream.wss.clients) c.terminate();
    await new Promise<void>((resolve) => upstream.server.close(() => resolve()));
  });

  it('passes frames both ways, keeps them for HAR, and passes the upstream close code on', async () => {
    harness = await hostHarness({ proxy: { url: upstream.url, headers: { 'x-extra': 'with-header' } } });
    const client = new TestClient(`${harness.url}/feed?x=1`);
    await client.opened();
    expect(await client.next()).toBe('hello from upstream with-header');
    client.ws.send('abc');
    expect(await client.next()).toBe('upstream got abc');
    client.ws.send(Buffer.from([9, 9]));
    expect(await client.next()).toBe(Buffer.from([9, 9]).toString('base64'));
    expect(upstream.paths).toEqual(['/feed?x=1']);
    const [conn] = harness.registry.all();
    expect(conn.log.har().map(({ type, opcode, data }) => ({ type, opcode, data }))).toEqual([
      { type: 'receive', opcode: 1, data: 'hello from upstream with-header' },
      { type: 'send', opcode: 1, data: 'abc' },
      { type: 'receive', opcode: 1, data: 'upstream got abc' },
      { type: 'send', opcode: 2, data: 'CQk=' },
      { type: 'receive', opcode: 2, data: 'CQk=' },
    ]);
    client.ws.send('bye');
    expect(await client.closed).toEqual({ code: 4001, reason: 'upstream says bye' });
  });

  it('applies drop faults to the proxied connection', async () => {
    harness = await hostHarness({ proxy: upstream.url, drop: { after_messages: 1 } });
    const client = new TestClient(`${harness.url}/feed`);
    await client.opened();
    await client.next();
    client.ws.send('abc');
    expect((await client.closed).code).toBe(1006);
  });

  it('refuses the handshake with 502 when the upstream is unreachable', async () => {
    const deadPort = (upstream.server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => upstream.server.close(() => resolve()));
    upstream.server = http.createServer();
    await new Promise<void>((resolve) => upstream.server.listen(0, '127.0.0.1', resolve));
    harness = await hostHarness({ proxy: `ws://127.0.0.1:${deadPort}` });
    const client = new TestClient(`${harness.url}/feed`);
    await expect(client.opened()).rejects.toThrow('handshake answered 502');
  });
});

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setImmediate(resolve));
  expect(check()).toBe(true);
}

export { WebSocket };
