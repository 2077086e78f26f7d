/** mockdock on a real loopback port (HTTP and upgrades), serving a GraphQL fixture, for tests with real client libraries. */
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createUpgradeListener } from '../../src/http/upgrade';
import { InFlight } from '../../src/http/in-flight';
import { createLogger } from '../../src/server/logger';
import { type TestApp, createTestApp } from '../helpers/test-app';

export const FIXTURE = path.join(__dirname, '../fixtures/graphql');

export interface LiveServer {
  url: string;
  wsUrl: string;
  base: string;
  app: TestApp;
  close(): Promise<void>;
}

export async function startLive(config = FIXTURE): Promise<LiveServer> {
  const app = await createTestApp({ config, seed: 5 });
  const server = http.createServer(app.app.callback());
  server.on('upgrade', createUpgradeListener({ registry: app.registry, logger: createLogger('silent'), inFlight: new InFlight(), clock: Date.now }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    url: `${base}/graphql`,
    wsUrl: `${base.replace('http', 'ws')}/graphql`,
    app,
    close: async () => {
      for (const ep of app.registry.current.endpoints) ep.responder.close?.();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await app.close();
    },
  };
}
