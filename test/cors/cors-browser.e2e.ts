import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../streams/chromium';
import type { RunningServer } from '../../src/server/start-server';
import { configDir, start } from '../tls/tls-support';

const ENDPOINTS = `
- path: /api/users
  response: [{ id: 1 }]
  headers: { X-Total: "1" }
- path: /api/users
  method: POST
  status: 201
  response: { id: "{{body.id}}" }
  headers: { X-Created: "yes" }
`;

/** A page server on its own loopback port: the page's origin differs from mockdock's. */
async function pageServer(): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>app</title>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

type Outcome = { ok: true; status: number; body: unknown; exposed: Record<string, string | null> } | { ok: false; error: string };

/** fetch() in the page, as an app's code would call it. */
function callFrom(page: Page, url: string, init: { method?: string; body?: string; credentials?: 'include' | 'omit' }): Promise<Outcome> {
  return page.evaluate(
    async ({ url, init }) => {
      try {
        const res = await fetch(url, { method: init.method ?? 'GET', credentials: init.credentials ?? 'omit', headers: init.body ? { 'content-type': 'application/json', 'x-trace': 'browser' } : {}, body: init.body });
        const exposed = { 'x-total': res.headers.get('x-total'), 'x-created': res.headers.get('x-created') };
        return { ok: true as const, status: res.status, body: await res.json(), exposed };
      } catch (err) {
        return { ok: false as const, error: String(err) };
      }
    },
    { url, init },
  );
}

describe('CORS in Chromium: a page on another loopback port calls mockdock', () => {
  let browser: Browser;
  let app: Awaited<ReturnType<typeof pageServer>>;
  let stranger: Awaited<ReturnType<typeof pageServer>>;
  let listed: RunningServer;
  let open: RunningServer;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    app = await pageServer();
    stranger = await pageServer();
    // the app's origin only, with credentials (cookies): the origin is echoed
    listed = await start({ config: configDir({ 'api.yaml': ENDPOINTS, 'mockdock.yaml': `cors: { origins: ["${app.origin}"], credentials: true }\n` }) });
    // --cors: every origin, no credentials: "*"
    open = await start({ config: configDir({ 'api.yaml': ENDPOINTS }), cors: true });
  });
  afterAll(async () => {
    await browser?.close();
    await listed?.shutdown('test');
    await open?.shutdown('test');
    await app?.close();
    await stranger?.close();
  });
  afterEach(() => page?.close());

  it('lets the listed origin POST JSON with a custom header (after a preflight) and with credentials, and read exposed headers', async () => {
    page = await browser.newPage();
    await page.goto(app.origin);
    const posted = await callFrom(page, `${listed.url}/api/users`, { method: 'POST', body: '{"id":7}', credentials: 'include' });
    expect(posted).toEqual({ ok: true, status: 201, body: { id: '7' }, exposed: { 'x-total': null, 'x-created': 'yes' } });
    const listedLog = await (await fetch(`${listed.url}/__logs`)).json() as Array<{ method: string; path: string; endpoint: string }>;
    expect(listedLog.map((e) => `${e.method} ${e.path} ${e.endpoint}`)).toEqual(['POST /api/users POST /api/users', 'OPTIONS /api/users CORS preflight']);
    const fetched = await callFrom(page, `${listed.url}/api/users`, { credentials: 'include' });
    expect(fetched).toMatchObject({ ok: true, status: 200, exposed: { 'x-total': '1' } });
  });

  it('refuses, in the browser, a page whose origin is not listed', async () => {
    page = await browser.newPage();
    await page.goto(stranger.origin);
    expect(await callFrom(page, `${listed.url}/api/users`, {})).toEqual({ ok: false, error: expect.stringMatching(/Failed to fetch/) });
    expect(await callFrom(page, `${listed.url}/api/users`, { method: 'POST', body: '{"id":8}' })).toEqual({ ok: false, error: expect.stringMatching(/Failed to fetch/) });
  });

  it('with --cors, lets any page call without credentials, and the browser refuses credentials with "*"', async () => {
    page = await browser.newPage();
    await page.goto(stranger.origin);
    expect(await callFrom(page, `${open.url}/api/users`, { method: 'POST', body: '{"id":9}' })).toMatchObject({ ok: true, status: 201, body: { id: '9' } });
    expect(await callFrom(page, `${open.url}/api/users`, { credentials: 'include' })).toEqual({ ok: false, error: expect.stringMatching(/Failed to fetch/) });
  });
});
