import request from 'supertest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestApp } from '../helpers/test-app';

const fixture = path.join(__dirname, '../fixtures/server-basic');
const TOKEN = 'secret';

/** The script and stylesheet the page names. */
function assetsOf(html: string): string[] {
  return [...html.matchAll(/(?:src|href)="(\/__ui\/assets\/[^"]+)"/g)].map((m) => m[1]);
}

describe('GET /__ui', () => {
  it('serves the page without the admin token, never cached without asking, while other admin routes still want it', async () => {
    const t = await createTestApp({ config: fixture, adminToken: TOKEN });
    const agent = request(t.app.callback());
    const page = await agent.get('/__ui');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['cache-control']).toBe('no-cache');
    const assets = assetsOf(page.text);
    expect(assets.filter((a) => a.endsWith('.css'))).toHaveLength(1);
    expect(page.text).toMatch(/<script type="module" src="\/__ui\/assets\/main-[A-Z0-9]{8}\.js">/);
    // every asset the page names is there, without the token
    for (const a of assets) expect((await agent.get(a)).status).toBe(200);
    expect((await agent.get('/__ui/')).text).toBe(page.text);
    expect((await agent.get('/__endpoints')).status).toBe(401);
  });

  it('serves each asset under a hashed name, cached for good, gzipped for clients that take it', async () => {
    const t = await createTestApp({ config: fixture, adminToken: TOKEN });
    const agent = request(t.app.callback());
    const assets = assetsOf((await agent.get('/__ui')).text);
    const css = assets.find((a) => a.endsWith('.css'))!;
    const js = assets.find((a) => /main-[A-Z0-9]{8}\.js$/.test(a))!;
    expect(path.basename(js)).toMatch(/^main-[A-Z0-9]{8}\.js$/);
    const plain = await agent.get(js).set('Accept-Encoding', 'identity');
    expect(plain.status).toBe(200);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const zipped = await agent.get(js).set('Accept-Encoding', 'gzip, br').buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    // supertest undoes the gzip; what went over the wire was the smaller, gzipped bytes
    expect((zipped.body as Buffer).toString()).toBe(plain.text);
    expect(Number(zipped.headers['content-length'])).toBeLessThan(plain.text.length / 2);
    expect((await agent.get(css)).headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('answers 404 for an asset name it does not have, without the token too', async () => {
    const t = await createTestApp({ config: fixture, adminToken: TOKEN });
    const res = await request(t.app.callback()).get('/__ui/assets/main-OLDHASH0.js');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatch(/no UI asset "main-OLDHASH0.js"/);
  });

  it('says how to build the UI when the server has none', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'mockdock-noui-'));
    const t = await createTestApp({ config: fixture, uiDir: empty });
    const res = await request(t.app.callback()).get('/__ui');
    expect(res.status).toBe(503);
    expect(res.body.error).toMatch(/npm run build/);
  });
});
