import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../streams/chromium';
import { hostHarness, type Harness } from './host-harness';
import { type StreamHarness, streamHarness } from '../sse/stream-harness';
import { formatEvent } from '../../src/sse/event-format';

describe('a browser WebSocket and EventSource in Chromium', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());
  beforeEach(async () => {
    page = await browser.newPage();
  });
  afterEach(() => page?.close());

  describe('WebSocket', () => {
    let harness: Harness;
    afterEach(() => harness?.close());

    it('holds a conversation with the script, including binary frames, and sees the close code', async () => {
      harness = await hostHarness({
        on_connect: [{ send: { type: 'welcome' } }],
        on_message: [{ match: { json: { type: 'subscribe' } }, send: { type: 'subscribed', to: '{{message.json.channel}}' } }, { echo: true }],
        close: { after_ms: 300, code: 4000, reason: 'bye' },
      });
      const result = await page.evaluate(async (url) => {
        const ws = new WebSocket(url);
        ws.binaryType = 'arraybuffer';
        const got: string[] = [];
        return new Promise<{ got: string[]; code: number; reason: string }>((resolve) => {
          ws.onmessage = (e) => {
            got.push(typeof e.data === 'string' ? e.data : `binary:${Array.from(new Uint8Array(e.data)).join(',')}`);
            if (got.length === 1) ws.send(JSON.stringify({ type: 'subscribe', channel: 'prices' }));
            if (got.length === 2) ws.send(new Uint8Array([7, 8, 9]));
          };
          ws.onclose = (e) => resolve({ got, code: e.code, reason: e.reason });
        });
      }, `${harness.url}/ws`);
      expect(result).toEqual({ got: ['{"type":"welcome"}', '{"type":"subscribed","to":"prices"}', 'binary:7,8,9'], code: 4000, reason: 'bye' });
    });

    it('sees 1006 when the connection is dropped', async () => {
      harness = await hostHarness({ on_message: [{ echo: true }], drop: { after_messages: 1 } });
      const code = await page.evaluate(async (url) => {
        const ws = new WebSocket(url);
        ws.onopen = () => ws.send('hi');
        return new Promise<number>((resolve) => (ws.onclose = (e) => resolve(e.code)));
      }, `${harness.url}/ws`);
      expect(code).toBe(1006);
    });
  });

  describe('EventSource', () => {
    let harness: StreamHarness;
    afterEach(() => harness?.close());

    it('receives scheduled and pushed events', async () => {
      harness = await streamHarness({ events: [{ event: 'hello', id: '7', data: { n: 1 }, delay_ms: 10 }], keep_open: true });
      // The page comes from the stream server's own origin, so EventSource needs no CORS.
      await page.route('**/page.html', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>sse</title>' }));
      await page.goto(`${harness.url}/page.html`);
      const hello = page.evaluate(() => {
        const source = new EventSource('/stream');
        (globalThis as unknown as { source: EventSource }).source = source;
        return new Promise<{ data: string; id: string }>((resolve) => source.addEventListener('hello', (e) => resolve({ data: (e as MessageEvent).data, id: (e as MessageEvent).lastEventId })));
      });
      expect(await hello).toEqual({ data: '{"n":1}', id: '7' });
      const pushed = page.evaluate(() => new Promise<string>((resolve) => (globalThis as unknown as { source: EventSource }).source.addEventListener('message', (e) => resolve((e as MessageEvent).data))));
      await page.waitForFunction(() => (globalThis as unknown as { source: EventSource }).source.readyState === 1);
      for (const s of harness.registry.all()) s.push(formatEvent({ data: 'pushed' }));
      expect(await pushed).toBe('pushed');
    });
  });
});
