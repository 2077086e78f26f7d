import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../streams/chromium';
import { startConfig, type Started } from '../streams/start-config';

const CONFIG = `
- name: chat
  path: /ws/chat
  websocket:
    on_connect: [{ send: { type: welcome } }]
    on_message:
      - match: { json: { type: subscribe } }
        send: { type: subscribed, to: "{{message.json.channel}}" }
      - match: { text: bye }
        close: { code: 4000, reason: bye }
      - echo: true
- name: flaky
  path: /ws/flaky
  websocket: { on_message: [{ echo: true }], drop: { after_messages: 1 } }
- name: notes
  path: /notes
  events:
    - { event: hello, id: "7", data: { n: 1 }, delay_ms: 10 }
  keep_open: true
- path: /page.html
  headers: { content-type: text/html }
  response: "<!doctype html><title>mockdock</title>"
`;

describe('a browser WebSocket and EventSource in Chromium against mockdock', () => {
  let browser: Browser;
  let page: Page;
  let started: Started;
  beforeAll(async () => {
    browser = await launchChromium();
    started = await startConfig({ 'browser.yaml': CONFIG });
  });
  afterAll(async () => {
    await browser?.close();
    await started?.stop();
  });
  beforeEach(async () => {
    page = await browser.newPage();
    await page.goto(`${started.http}/page.html`);
  });
  afterEach(() => page?.close());

  it('holds a conversation with the script, including binary frames, and sees the close code', async () => {
    const result = await page.evaluate(async (url) => {
      const ws = new WebSocket(url);
      ws.binaryType = 'arraybuffer';
      const got: string[] = [];
      return new Promise<{ got: string[]; code: number; reason: string }>((resolve) => {
        ws.onmessage = (e) => {
          got.push(typeof e.data === 'string' ? e.data : `binary:${Array.from(new Uint8Array(e.data)).join(',')}`);
          if (got.length === 1) ws.send(JSON.stringify({ type: 'subscribe', channel: 'prices' }));
          if (got.length === 2) ws.send(new Uint8Array([7, 8, 9]));
          if (got.length === 3) ws.send('bye');
        };
        ws.onclose = (e) => resolve({ got, code: e.code, reason: e.reason });
      });
    }, `${started.ws}/ws/chat`);
    expect(result).toEqual({ got: ['{"type":"welcome"}', '{"type":"subscribed","to":"prices"}', 'binary:7,8,9'], code: 4000, reason: 'bye' });
  });

  it('sees 1006 when the connection is dropped', async () => {
    const code = await page.evaluate(async (url) => {
      const ws = new WebSocket(url);
      ws.onopen = () => ws.send('hi');
      return new Promise<number>((resolve) => (ws.onclose = (e) => resolve(e.code)));
    }, `${started.ws}/ws/flaky`);
    expect(code).toBe(1006);
  });

  it('receives scheduled events and events pushed with POST /__sse/NAME/send', async () => {
    const hello = page.evaluate(() => {
      const source = new EventSource('/notes');
      (globalThis as unknown as { source: EventSource }).source = source;
      return new Promise<{ data: string; id: string }>((resolve) => source.addEventListener('hello', (e) => resolve({ data: (e as MessageEvent).data, id: (e as MessageEvent).lastEventId })));
    });
    expect(await hello).toEqual({ data: '{"n":1}', id: '7' });
    const pushed = page.evaluate(() => new Promise<string>((resolve) => (globalThis as unknown as { source: EventSource }).source.addEventListener('message', (e) => resolve((e as MessageEvent).data))));
    const answer = await fetch(`${started.http}/__sse/notes/send`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"data":"pushed"}' });
    expect(await answer.json()).toEqual({ sent: 1 });
    expect(await pushed).toBe('pushed');
  });
});
