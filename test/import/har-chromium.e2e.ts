/** `mockdock import har` on a HAR that a real Chromium recorded (playwright-core's recordHar) against a local server. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { chromium } from 'playwright-core';
import { importInto, type Imported } from './support/import-into';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const PAGE = `<!doctype html><title>shop</title><img src="/img/dot.png"><script>
window.done = (async () => {
  const list = await (await fetch('/api/items?category=tea&category=green')).json();
  const made = await (await fetch('/api/items', { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer very-secret' }, body: JSON.stringify({ name: 'sencha' }) })).json();
  const first = await (await fetch('/api/ticket')).text();
  const second = await (await fetch('/api/ticket')).text();
  const note = await (await fetch('/notes/readme')).text();
  return { list, made, first, second, note };
})();
</script>`;

let ticket = 0;
function upstream(req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://x');
  const send = (status: number, type: string, body: string | Buffer, extra: http.OutgoingHttpHeaders = {}) => {
    res.writeHead(status, { 'content-type': type, ...extra });
    res.end(body);
  };
  if (url.pathname === '/') return send(200, 'text/html; charset=utf-8', PAGE);
  if (url.pathname === '/img/dot.png') return send(200, 'image/png', PNG);
  if (url.pathname === '/api/items' && req.method === 'GET') return send(200, 'application/json', JSON.stringify([{ id: 1, name: 'matcha', tags: url.searchParams.getAll('category') }]), { 'x-total-count': '1', 'set-cookie': 'sid=upstream-secret' });
  if (url.pathname === '/api/items' && req.method === 'POST') {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString(); });
    req.on('end', () => send(201, 'application/json', JSON.stringify({ id: 2, ...JSON.parse(body) }), { location: '/api/items/2' }));
    return undefined;
  }
  if (url.pathname === '/api/ticket') return send(ticket++ === 0 ? 503 : 200, 'text/plain', ticket === 1 ? 'busy' : `ticket ${ticket}`);
  if (url.pathname === '/notes/readme') return send(200, 'text/plain; charset=utf-8', 'Steep {{3}} minutes.\n');
  return send(404, 'text/plain', 'no');
}

const canRun = existsSync(CHROMIUM);
if (!canRun) console.warn(`Skipping the Chromium HAR test: ${CHROMIUM} is missing (Debian package chromium; .ci/run installs it).`);
const maybe = canRun ? describe : describe.skip;

maybe('mockdock import har (a HAR recorded by Chromium)', () => {
  let server: http.Server;
  let work: string;
  let imported: Imported;
  let seen: { list: unknown; made: unknown; first: string; second: string; note: string };
  let port: number;

  beforeAll(async () => {
    server = http.createServer(upstream);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    work = mkdtempSync(path.join(os.tmpdir(), 'mockdock-har-'));
    const harFile = path.join(work, 'shop.har');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
    try {
      const context = await browser.newContext({ recordHar: { path: harFile, content: 'embed' } });
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${port}/`);
      seen = await page.evaluate(() => (globalThis as unknown as { done: Promise<typeof seen> }).done);
      await context.close(); // writes the HAR
    } finally {
      await browser.close();
    }
    await new Promise<void>((resolve) => server.close(() => resolve())); // replay must not need the upstream
    imported = await importInto('har', harFile);
  }, 60_000);

  afterAll(() => {
    imported?.cleanup();
    rmSync(work, { recursive: true, force: true });
  });

  it('exits 0, writes one file per host and first segment, and the folder validates', async () => {
    expect(imported.code).toBe(0);
    expect(await imported.validates()).toBe(true);
    for (const file of ['_root.yaml', 'api.yaml', 'img.yaml', 'notes.yaml']) expect(imported.read(`127.0.0.1_${port}/${file}`)).toContain('endpoints:');
  });

  it('replays every recorded request with the status and body the browser got, with the upstream stopped', async () => {
    const { app } = await imported.serve();
    const list = await request(app.callback()).get('/api/items?category=tea&category=green');
    expect(list.status).toBe(200);
    expect(list.body).toEqual(seen.list);
    expect(list.headers['x-total-count']).toBe('1');
    const made = await request(app.callback()).post('/api/items').send({ name: 'sencha' });
    expect(made.status).toBe(201);
    expect(made.headers.location).toBe('/api/items/2');
    expect(made.body).toEqual(seen.made);
    const note = await request(app.callback()).get('/notes/readme');
    expect(note.text).toBe(seen.note);
    const page = await request(app.callback()).get('/');
    expect(page.text).toBe(PAGE);
  });

  it('replays a binary body byte for byte from a file under __files', async () => {
    const { app } = await imported.serve();
    const img = await request(app.callback()).get('/img/dot.png').buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(Buffer.compare(img.body as Buffer, PNG)).toBe(0);
  });

  it('turns the answers that changed between two identical requests into a sequence in the order seen', async () => {
    const { app } = await imported.serve();
    const first = await request(app.callback()).get('/api/ticket');
    const second = await request(app.callback()).get('/api/ticket');
    expect([first.status, first.text, second.status, second.text]).toEqual([503, seen.first, 200, seen.second]);
  });

  it('never writes the secrets the browser sent or received', () => {
    const text = imported.read(`127.0.0.1_${port}/api.yaml`);
    expect(text).not.toContain('very-secret');
    expect(text).not.toContain('upstream-secret');
  });
});
