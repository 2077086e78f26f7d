import { Writable } from 'node:stream';
import { startServer } from '../../src/server/start-server';
import { createLogger } from '../../src/server/logger';
import type { ServerOptions } from '../../src/server/options';
import { tempFolder } from '../config/fixtures';

describe('a webhook that calls mockdock back', () => {
  it('is followed hop by hop, and a loop is stopped after 8 hops with a refused entry', async () => {
    // The webhook goes to the very server that answered (its Host header), so each answer triggers the next.
    const folder = tempFolder({ 'api.yaml': '- { path: /loop, method: POST, name: loop, webhooks: [{ url: "http://{{headers.host}}/loop" }] }\n' });
    const options: ServerOptions = {
      config: folder.dir, port: 0, host: '127.0.0.1', watch: false, seed: 1, logLimit: 100, logLevel: 'debug',
      bodyLimit: '1mb', latencyMs: 0, shutdownTimeoutMs: 1_000, settings: {},
    };
    // The chain has ended once the log has said "refused" once and "sent" eight times (in either order).
    let stopped!: () => void;
    const chainEnded = new Promise<void>((resolve) => (stopped = resolve));
    let refused = 0;
    let sent = 0;
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const line of String(chunk).split('\n')) {
          if (line.includes('"msg":"webhook refused')) refused++;
          if (line.includes('"msg":"webhook sent"')) sent++;
        }
        if (refused === 1 && sent === 8) stopped();
        done();
      },
    });
    const started = await startServer(options, createLogger('debug', sink));
    if (!started.ok) throw new Error(started.lines.join('\n'));
    const { url, shutdown } = started.server;
    try {
      expect((await fetch(`${url}/loop`, { method: 'POST' })).status).toBe(200);
      await chainEnded;
      type Entry = { direction?: string; result?: string; headers: Record<string, string> };
      const entries = (await (await fetch(`${url}/__logs?direction=outgoing`)).json()) as Entry[];
      expect(entries.filter((e) => e.result === 'success')).toHaveLength(8);
      expect(entries.filter((e) => e.result === 'refused')).toHaveLength(1);
      const incoming = (await (await fetch(`${url}/__logs?direction=incoming`)).json()) as Entry[];
      expect(incoming.map((e) => e.headers['x-mockdock-webhook-hops'] ?? '0').reverse()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8']);
    } finally {
      await shutdown('test');
      folder.cleanup();
    }
  });
});
