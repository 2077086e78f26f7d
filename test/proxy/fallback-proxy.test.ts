import { writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { request } from 'undici';
import { configFolder, serve, startUpstream, type Upstream } from './support';

function named(name: string): Parameters<typeof startUpstream>[0] {
  return (req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(`${name} ${req.method} ${req.url}`);
  };
}

async function text(url: string): Promise<string> {
  const res = await request(url);
  return `${res.statusCode} ${await res.body.text()}`;
}

describe('the fallback proxy in mockdock.yaml', () => {
  let a: Upstream;
  let b: Upstream;
  beforeAll(async () => {
    a = await startUpstream(named('A'));
    b = await startUpstream(named('B'));
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('passes what no endpoint matches through, follows a reload, and keeps the last good settings on a broken one', async () => {
    const folder = configFolder({ 'mockdock.yaml': `proxy: ${a.url}\n`, 'api.yaml': '- path: /api/health\n  response: mocked\n' });
    const mock = await serve({ config: folder.dir });
    try {
      expect(await text(`${mock.url}/api/health`)).toBe('200 mocked');
      expect(await text(`${mock.url}/api/users?id=1&id=2`)).toBe('200 A GET /api/users?id=1&id=2');

      writeFileSync(path.join(folder.dir, 'mockdock.yaml'), `proxy: { url: "${b.url}/v2" }\n`);
      expect((await mock.registry.reload()).ok).toBe(true);
      expect(await text(`${mock.url}/api/users`)).toBe('200 B GET /v2/api/users');

      writeFileSync(path.join(folder.dir, 'mockdock.yaml'), 'proxy: ftp://nowhere\n');
      const broken = await mock.registry.reload();
      expect(broken.ok ? [] : broken.issues.map((i) => `${i.file}:${i.line}`)).toEqual(['mockdock.yaml:1']);
      expect(await text(`${mock.url}/api/users`)).toBe('200 B GET /v2/api/users');

      rmSync(path.join(folder.dir, 'mockdock.yaml'));
      expect((await mock.registry.reload()).ok).toBe(true);
      expect(await text(`${mock.url}/api/users`)).toMatch(/^404 .*no endpoint matches GET \/api\/users/);
    } finally {
      await mock.stop();
      folder.cleanup();
    }
  });
});
