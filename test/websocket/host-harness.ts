/** A bare HTTP server on loopback that hosts one compiled websocket config, for adapter tests with real clients. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { compileWebSocket } from '../../src/websocket/compile-websocket';
import { upstreamUrl } from '../../src/websocket/compile-proxy';
import { hostConnection } from '../../src/websocket/host-connection';
import type { LiveConnection } from '../../src/websocket/live-connection';
import { Acceptor, connectUpstream, refuseUpgrade } from '../../src/websocket/upgrade';
import { LiveRegistry } from '../../src/streams/live-registry';
import { realTimers } from '../../src/streams/real-timers';
import { createRandom } from '../../src/behaviours/random';
import { locateFrom } from '../behaviours/helpers';

export interface Harness {
  url: string;
  registry: LiveRegistry<LiveConnection>;
  closed: Array<{ id: string; code: number }>;
  close(): Promise<void>;
}

export async function hostHarness(spec: unknown): Promise<Harness> {
  const compiled = compileWebSocket(spec, locateFrom());
  if (!compiled.ok) throw new Error(compiled.issues.map((i) => i.message).join('\n'));
  const ws = compiled.websocket;
  const registry = new LiveRegistry<LiveConnection>();
  const closed: Harness['closed'] = [];
  const observer = { opened: () => undefined, message: () => undefined, closed: (c: LiveConnection, code: number) => closed.push({ id: c.id, code }) };
  const acceptor = new Acceptor();
  const random = createRandom(3);
  const server = http.createServer((_req, res) => res.writeHead(426).end());
  server.on('upgrade', async (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const info = { id: registry.nextId('c'), endpoint: 'GET /ws', path: url.pathname, session: null };
    if (ws.kind === 'script') {
      const socketWs = await acceptor.accept(req, socket, head, ws.script.maxMessageBytes);
      const ctx = { params: {}, query: Object.fromEntries(url.searchParams), headers: {}, body: undefined, method: 'GET', path: url.pathname };
      hostConnection(socketWs, info, { kind: 'script', script: ws.script, ctx, random }, { registry, observer, timers: realTimers });
      return;
    }
    const upstream = await connectUpstream(upstreamUrl(ws.proxy, url.pathname, url.search), req, ws.proxy.headers);
    if (!(upstream instanceof WebSocket)) return refuseUpgrade(socket, upstream.status, { 'content-type': 'application/json' }, Buffer.from(JSON.stringify({ error: upstream.error })));
    const client = await acceptor.accept(req, socket, head, ws.maxMessageBytes);
    hostConnection(client, info, { kind: 'proxy', upstream, drop: ws.drop, random }, { registry, observer, timers: realTimers });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    registry,
    closed,
    close: async () => {
      for (const c of registry.all()) c.terminate();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A client that queues what it receives, so a test can await the next message. */
export class TestClient {
  readonly ws: WebSocket;
  private readonly queue: Array<{ data: string; binary: boolean }> = [];
  private waiters: Array<() => void> = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  constructor(url: string, options?: WebSocket.ClientOptions) {
    this.ws = new WebSocket(url, options);
    this.ws.on('message', (data: Buffer, binary: boolean) => {
      this.queue.push({ data: binary ? data.toString('base64') : data.toString(), binary });
      this.waiters.splice(0).forEach((w) => w());
    });
    this.closed = new Promise((resolve) => this.ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    this.ws.on('error', () => undefined);
  }

  opened(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('unexpected-response', (_req, res) => reject(new Error(`handshake answered ${res.statusCode}`)));
      this.ws.once('error', reject);
    });
  }

  async next(): Promise<string> {
    while (this.queue.length === 0) await new Promise<void>((resolve) => this.waiters.push(resolve));
    return this.queue.shift()!.data;
  }

  async nextJson(): Promise<unknown> {
    return JSON.parse(await this.next());
  }
}
