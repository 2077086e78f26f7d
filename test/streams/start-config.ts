/** The real server (startServer, the composition root) on a loopback port, from a config written on the fly. */
import { startServer, type RunningServer } from '../../src/server/start-server';
import { createLogger } from '../../src/server/logger';
import type { ServerOptions } from '../../src/server/options';
import { tempFolder } from '../config/fixtures';

export interface Started {
  server: RunningServer;
  http: string;
  ws: string;
  dir: string;
  stop(): Promise<void>;
}

export async function startConfig(files: Record<string, string>, overrides: Partial<ServerOptions> = {}): Promise<Started> {
  const { dir, cleanup } = tempFolder(files);
  const options: ServerOptions = {
    config: dir, port: 0, host: '127.0.0.1', watch: false, seed: 1, logLimit: 1000, logLevel: 'silent', bodyLimit: '1mb', latencyMs: 0, shutdownTimeoutMs: 2000, settings: {},
    ...overrides,
  };
  const started = await startServer(options, createLogger('silent'));
  if (!started.ok) throw new Error(started.lines.join('\n'));
  const server = started.server;
  let stopped = false;
  return {
    server,
    http: server.url,
    ws: server.url.replace(/^http/, 'ws'),
    dir,
    stop: async () => {
      if (!stopped) await server.shutdown('test over');
      stopped = true;
      cleanup();
    },
  };
}
