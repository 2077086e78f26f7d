import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { request } from 'undici';
import { runCli } from '../e2e/cli-process';
import { configFolder, startUpstream } from './support';

/** The URL a started CLI prints in its first log line. */
async function urlOf(proc: ReturnType<typeof runCli>): Promise<string> {
  const line = await proc.waitForLine(/"msg":"mockdock listening on /, 20_000);
  return (JSON.parse(line) as { url: string }).url;
}

describe('mockdock record (the built CLI)', () => {
  it('records into --out (created if missing) and serve --config replays it with the upstream stopped', async () => {
    let hits = 0;
    const upstream = await startUpstream((req, res) => {
      hits += 1;
      res.writeHead(200, { 'content-type': 'application/json', 'x-hits': String(hits) });
      res.end(JSON.stringify({ path: req.url, hits }));
    });
    const folder = configFolder({});
    const out = path.join(folder.dir, 'fresh');
    try {
      const recorder = runCli(['record', '--target', upstream.url, '--out', out, '--port', '0', '--host', '127.0.0.1', '--log-level', 'info']);
      let first: unknown;
      try {
        const base = await urlOf(recorder);
        const res = await request(`${base}/api/orders?status=open`);
        first = await res.body.json();
        expect(res.statusCode).toBe(200);
      } finally {
        await recorder.stop();
        await upstream.close();
      }
      expect(existsSync(out)).toBe(true);
      expect(readdirSync(path.join(out, 'recorded'))).toEqual([`127.0.0.1_${upstream.port}`]);

      const replay = runCli(['serve', '--config', out, '--port', '0', '--host', '127.0.0.1', '--no-watch']);
      try {
        const base = await urlOf(replay);
        const res = await request(`${base}/api/orders?status=open`);
        expect(res.statusCode).toBe(200);
        expect(await res.body.json()).toEqual(first);
        expect(res.headers['x-hits']).toBe('1');
      } finally {
        await replay.stop();
      }
    } finally {
      folder.cleanup();
    }
  });

  it('refuses a --target that is not an http URL, in one line', async () => {
    const proc = runCli(['record', '--target', 'api.test:80', '--port', '0']);
    const { code } = await proc.exited;
    expect(code).toBe(1);
    expect(proc.stderr()).toMatch(/^mockdock: --target must be an http or https URL/);
  });
});
