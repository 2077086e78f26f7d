/** The real app on a loopback port from a config written on the fly, for tests with real streaming clients. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { tempFolder } from '../config/fixtures';

export interface Served extends TestApp {
  url: string;
  dir: string;
  server: http.Server;
  stop(): Promise<void>;
}

export async function serveConfig(files: Record<string, string>, opts: { adminToken?: string } = {}): Promise<Served> {
  const { dir, cleanup } = tempFolder(files);
  const app = await createTestApp({ config: dir, adminToken: opts.adminToken });
  const server = http.createServer(app.app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ...app,
    url: `http://127.0.0.1:${port}`,
    dir,
    server,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
      cleanup();
    },
  };
}
