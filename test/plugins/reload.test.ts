/** An edit of a listed plugin file reloads the config (real watcher) and the new code answers: no stale module cache. */
import { startServer } from '../../src/server/start-server';
import { createLogger } from '../../src/server/logger';
import type { ServerOptions } from '../../src/server/options';
import type { ReloadResult } from '../../src/registry/registry';
import { configFolder, writeFile } from './harness';

const VERSION = (n: number) => `export default {\n  name: 'versioned',\n  onResponse(req, res) { res.headers['x-version'] = '${n}'; },\n  handlers: { version: () => ({ body: { version: ${n} } }) },\n};\n`;

describe('plugin reload', () => {
  it('reloads when a listed plugin file changes, and serves the new code', async () => {
    const dir = configFolder({ 'mockdock.yaml': 'plugins: [plugins/versioned.mjs]\n', 'plugins/versioned.mjs': VERSION(1), 'a.yaml': '- path: /version\n  handler: version\n' });
    const options: ServerOptions = {
      config: dir, port: 0, host: '127.0.0.1', watch: true, seed: 1, logLimit: 100, logLevel: 'silent',
      bodyLimit: '1mb', latencyMs: 0, shutdownTimeoutMs: 1_000, settings: {}, allowPlugins: true, pluginTimeoutMs: 1000,
    };
    const started = await startServer(options, createLogger('silent'));
    if (!started.ok) throw new Error(started.lines.join('\n'));
    const { url, registry, shutdown } = started.server;
    const nextReload = () => new Promise<ReloadResult>((resolve) => registry.onReload(resolve));
    try {
      const first = await fetch(`${url}/version`);
      expect(await first.json()).toEqual({ version: 1 });
      for (const n of [2, 3]) {
        const reloaded = nextReload();
        writeFile(dir, 'plugins/versioned.mjs', VERSION(n));
        expect(await reloaded).toMatchObject({ ok: true });
        const res = await fetch(`${url}/version`);
        expect(res.headers.get('x-version')).toBe(String(n));
        expect(await res.json()).toEqual({ version: n });
      }
      // a file in the folder that no list names (a plugin's helper, a note) is not read as config
      writeFile(dir, 'plugins/notes.js', 'not even JavaScript');
      expect((await registry.reload()).ok).toBe(true);
    } finally {
      await shutdown('test');
    }
  });
});
