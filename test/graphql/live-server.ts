/** A GraphQL endpoint on a real loopback port, for tests with real client libraries. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphqlWsTransport } from '../../src/graphql/ws-transport';
import type { GraphqlSpec } from '../../src/graphql/graphql-spec';
import { env, responder } from './helpers';

export interface LiveServer {
  url: string;
  wsUrl: string;
  close(): Promise<void>;
}

export async function startLive(spec: Partial<GraphqlSpec>): Promise<LiveServer> {
  const r = responder(spec);
  const transport = new GraphqlWsTransport();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const type = req.headers['content-type'] ?? '';
      const body = text === '' ? undefined : type.includes('json') ? JSON.parse(text) : text;
      const url = new URL(req.url ?? '/', 'http://x');
      const answer = r.respond({ method: req.method ?? 'GET', query: Object.fromEntries(url.searchParams), headers: req.headers as Record<string, string>, body }, env());
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
    });
  });
  const ctx = { params: {}, query: {}, headers: {}, body: undefined, method: 'GET', path: '/graphql' };
  server.on('upgrade', (req, socket, head) => transport.upgrade(req, socket, head, { responder: r, ctx, env: () => env() }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    close: async () => {
      transport.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
