import { Writable } from 'node:stream';
import { startServer } from '../../src/server/start-server';
import { createLogger } from '../../src/server/logger';
import type { ServerOptions } from '../../src/server/options';
import { tempFolder } from '../config/fixtures';
import { startReceiver } from './support';

describe('webhooks when mockdock stops', () => {
  it('sends what falls due within the drain bound, drops the rest and logs each drop', async () => {
    const r = await startReceiver();
    const folder = tempFolder({
      'api.yaml': `
- { path: /soon, method: POST, webhooks: [{ url: "${r.url}/soon", delay_ms: 50 }] }
- { path: /late, method: POST, webhooks: [{ url: "${r.url}/late", delay_ms: 60000 }] }
`,
    });
    const lines: Array<Record<string, unknown>> = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const options: ServerOptions = {
      config: folder.dir, port: 0, host: '127.0.0.1', watch: false, seed: 1, logLimit: 100, logLevel: 'info',
      bodyLimit: '1mb', latencyMs: 0, shutdownTimeoutMs: 1_000, settings: {},
    };
    const started = await startServer(options, createLogger('info', sink));
    if (!started.ok) throw new Error(started.lines.join('\n'));
    try {
      const { url, shutdown } = started.server;
      expect((await fetch(`${url}/soon`, { method: 'POST' })).status).toBe(200);
      expect((await fetch(`${url}/late`, { method: 'POST' })).status).toBe(200);
      const begun = Date.now();
      await shutdown('test');
      expect(Date.now() - begun).toBeLessThan(1_000 + 1_500);
      expect(r.received.map((x) => x.url)).toEqual(['/soon']);
      const dropped = lines.filter((l) => l.msg === 'webhook dropped: mockdock stopped before it was sent');
      expect(dropped).toEqual([expect.objectContaining({ level: 40, endpoint: 'POST /late', url: `${r.url}/late`, attempt: 1 })]);
      expect(lines[lines.length - 1].msg).toBe('stopped');
    } finally {
      await started.server.shutdown('test');
      await r.close();
      folder.cleanup();
    }
  });
});
