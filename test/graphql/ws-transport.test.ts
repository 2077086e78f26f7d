import http from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { GraphqlWsTransport } from '../../src/graphql/ws-transport';
import { env, responder } from './helpers';

const ctx = { params: {}, query: {}, headers: {}, body: undefined, method: 'GET', path: '/graphql' };

describe('graphql-transport-ws with the graphql-ws client', () => {
  let server: http.Server;
  let transport: GraphqlWsTransport;
  let url: string;
  const seen: unknown[] = [];

  beforeAll(async () => {
    const r = responder({ subscriptions: [{ subscription: 'userAdded', every_ms: 20, times: 3, data: { userAdded: { name: 'Ann' } } }] });
    transport = new GraphqlWsTransport();
    server = http.createServer((_req, res) => res.end());
    server.on('upgrade', (req, socket, head) => transport.upgrade(req, socket, head, { responder: r, ctx, env: () => env(), onOperation: (g) => seen.push(g) }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });

  afterAll(async () => {
    transport.close();
    await new Promise((resolve) => server.close(resolve));
  });

  const client = () => createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });

  it('streams the configured events of a subscription, then completes', async () => {
    const c = client();
    const events: any[] = [];
    await new Promise<void>((resolve, reject) => {
      c.subscribe({ query: 'subscription OnUser { userAdded { name role } }' }, { next: (e) => events.push(e), error: reject, complete: resolve });
    });
    await c.dispose();
    expect(events).toHaveLength(3);
    for (const e of events) {
      expect(e.data.userAdded.name).toBe('Ann');
      expect(['ADMIN', 'EDITOR', 'VIEWER']).toContain(e.data.userAdded.role);
    }
    expect(seen).toContainEqual({ operation: 'OnUser', type: 'subscription' });
  });

  it('answers a query over the socket and reports validation errors to the client', async () => {
    const c = client();
    const answer = await new Promise<any>((resolve, reject) => {
      let got: unknown;
      c.subscribe({ query: '{ hello }' }, { next: (e) => (got = e), error: reject, complete: () => resolve(got) });
    });
    expect(answer).toEqual({ data: { hello: 'Hello World' } });
    const errors = await new Promise<any>((resolve) => {
      c.subscribe({ query: 'subscription { nope }' }, { next: () => undefined, error: resolve, complete: () => resolve('completed') });
    });
    expect(Array.isArray(errors) && errors[0].message).toMatch(/nope/);
    await c.dispose();
  });

  it('refuses a client that does not speak graphql-transport-ws', async () => {
    const ws = new WebSocket(url);
    const code = await new Promise<number>((resolve) => ws.on('close', (c) => resolve(c)));
    expect(code).toBe(4406);
  });
});
